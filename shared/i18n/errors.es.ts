import type { errorsEn } from './errors.en';

/** Spanish for shared/i18n/errors.en.ts; a missing key fails typecheck. */
export const errorsEs: Record<keyof typeof errorsEn, string> = {
  'error.code.invalid_input': 'Parte de lo ingresado no es válido.',
  'error.code.unknown_operation': 'Esta consola no conoce esa acción.',
  'error.code.not_found': 'Ya no está en esta consola; puede que se haya quitado o fusionado.',
  'error.code.refused': 'La consola rechazó esta acción.',
  'error.code.conflict': 'Cambió mientras tanto: revíselo e inténtelo de nuevo.',
  'error.code.needs_override': 'Esto requiere una excepción con un motivo.',
  'error.code.unauthorized': 'Eso no está permitido ahora.',
  'error.code.unavailable': 'No se puede conectar con la consola ahora; inténtelo de nuevo.',
  'error.code.wrong_passphrase': 'Frase de contraseña incorrecta.',
  'error.code.database_locked': 'La consola está bloqueada: desbloquéela primero.',
  'error.code.storage_fault':
    'Un problema de almacenamiento en esta computadora; no se cambió nada.',
  'error.code.internal':
    'Algo falló en esta consola; no se cambió nada. Los detalles están en el registro.',
  'error.technicalDetail': 'Detalle técnico: {detail}',

  'error.consoleLocked': 'La consola está bloqueada: desbloquéela primero con su PIN.',
  'error.lostConnection':
    'Se perdió la conexión con el servidor de la consola; inténtelo de nuevo.',
  'error.notChecked':
    'La consola no respondió, así que no se sabe si esto se guardó. Búsquelo en el tablero antes de guardarlo otra vez.',

  'error.assign.noRoles': '{name} no tiene funciones en la lista; agregue una primero.',
  'error.assign.incidentClosed': 'Este incidente está cerrado; no se puede asignar a nadie.',
  'error.assign.merged': 'Este reporte está fusionado con otro incidente; asigne a ese.',
  'error.assign.inactive': '{name} está inactivo/a en la lista.',
  'error.assign.alreadyHere': '{name} ya está en este incidente como {role}.',
  'error.assign.elsewhereSince':
    'Asignaron a {name} en otro lugar desde que empezó; revise el tablero e inténtelo de nuevo.',
  'error.assign.changedSince':
    'La asignación de {name} cambió desde que empezó; revise el tablero e inténtelo de nuevo.',
  'error.assign.statusChanged':
    'Esta asignación cambió mientras tanto: ahora está en «{current}», no en «{expected}».',
  'error.assign.nothingToCheckIn':
    'Esta asignación está en «{current}»; no hay nada que registrar.',
  'error.assign.needsOverride': '{name} solo se puede asignar con una excepción y un motivo.',
  'guardDetail.busy_elsewhere': '{name} ya está asignado/a a {type} en {place}.',
  'guardDetail.off_duty': '{name} está fuera de turno y fuera de su disponibilidad ahora.',
  'guardDetail.missing_training':
    '{name} no tiene vigente la capacitación «{training}», que requiere la función {role}.',
  'guardDetail.avoids_scenes':
    '{name} pidió no ser enviado/a a escenas de control migratorio; {role} es una función en escena.',
  'error.assign.nothingToUndo': 'No hay ninguna acción de asignación que deshacer en esta consola.',

  'error.incident.changed':
    'Este incidente cambió mientras tanto: ahora está en «{current}», no en «{expected}». Revíselo e inténtelo de nuevo.',
  'error.incident.merged':
    'Este reporte está fusionado con otro incidente; cambie ese incidente, o sepárelo primero.',
  'error.incident.callInFuture': 'La llamada no puede haberse recibido en el futuro',
  'error.incident.seenInFuture': 'La hora en que se vio no puede estar en el futuro',
  'error.incident.outsideRegion':
    'Este lugar está fuera del oeste de Massachusetts. Revíselo, o dé un motivo para guardarlo de todos modos.',
  'error.timeline.alreadyCorrected':
    'Esa entrada ya se corrigió; corrija la corrección en su lugar.',
  'error.merge.self': 'Un incidente no se puede fusionar consigo mismo.',
  'error.merge.intoMerged':
    'Ese incidente ya está fusionado con otro; fusione con ese en su lugar.',
  'error.merge.alreadyMerged': 'Ese reporte ya está fusionado; sepárelo primero.',
  'error.merge.closed': 'Los incidentes cerrados no se pueden fusionar.',
  'error.merge.notMerged': 'Este reporte no está fusionado con otro incidente.',

  'error.shift.nobodyOn': 'Nadie está de turno en esta consola: inicie el turno primero.',
  'error.shift.lockedOwner':
    'La consola está bloqueada: solo {name} puede desbloquearla, con su PIN. Para relevarle, dé la frase de contraseña de la consola.',
  'error.shift.lockedTakeOver':
    'La consola está bloqueada: relevar requiere la frase de contraseña de la consola (o que {name} la desbloquee con su PIN).',
  'error.shift.stillOn':
    '{name} sigue de turno en esta consola. Termine ese turno primero, o releve (su informe de relevo se escribe solo).',
  'error.shift.wrongPassphrase': 'Frase de contraseña de la consola incorrecta.',
  'error.shift.cannotCheckPassphrase':
    'Esta consola todavía no puede comprobar una frase de contraseña, así que no se puede relevar una consola bloqueada: {name} la desbloquea con su PIN.',
  'error.shift.pinExists': '«{name}» ya tiene un PIN en esta consola: inicie el turno con él.',
  'error.shift.unknownName':
    'Nadie llamado «{name}» ha iniciado turno en esta consola todavía. Elija «nuevo/a en esta consola» para crear un PIN.',
  'error.shift.justRegistered': '«{name}» se acaba de registrar en esta consola.',
  'error.shift.noHandoff': 'Ese turno no ha terminado: todavía no hay informe de relevo.',
  'error.shift.acknowledged': '{name} ya confirmó este informe de relevo.',
  'error.shift.noPin': 'No hay PIN para quien está de turno en esta consola.',
  'error.shift.changedDuringPin':
    'El turno cambió mientras se comprobaba el PIN: inténtelo de nuevo.',
  'error.shift.nameWhileOnShift':
    'Alguien está de turno en esta consola: termine el turno o haga el relevo para cambiar quién despacha.',
  'error.pin.gone': 'Esa persona despachadora ya no está en esta consola.',
  'error.pin.lockedFor': 'Demasiados PIN incorrectos. Inténtelo de nuevo en {seconds} s.',
  'error.pin.wrongLocked': 'PIN incorrecto. Demasiados PIN incorrectos: bloqueado por {seconds} s.',
  'error.pin.wrongTriesLeft': 'PIN incorrecto. Intentos que quedan antes del bloqueo: {left}.',

  'error.link.noUse': 'Esta asignación está en «{current}»; un enlace no serviría de nada.',
  'error.link.incidentClosed': 'Este incidente está cerrado; no se pueden crear enlaces nuevos.',
  'error.link.noRelay':
    'Los enlaces para voluntarios pasan por el relay: únase primero a una red (Configuración de red).',
  'error.link.revoked': 'Este enlace ya se revocó.',
  'error.link.dead': 'Este enlace ya no funciona; cree uno nuevo.',

  'error.sync.unavailable': 'La sincronización no está disponible en esta consola',
  'error.sync.demoJoin':
    'Esta consola tiene la red ficticia de demostración. Quite primero los datos de demostración (Configuración → Quitar los datos de demostración) y luego únase a su red: los registros de demostración nunca deben llegar a consolas reales.',
  'error.sync.conflictResolved': '{name} ya lo resolvió',
  'error.import.unreadable': 'No se pudo leer el archivo (datos dañados)',
  'error.import.badExcel': 'No se pudo leer el archivo de Excel (se espera .xlsx)',
  'error.import.matchGone': 'Línea {line}: la persona con la que coincidía ya no está',
  'error.import.mergeAlreadyUndone': 'Esta fusión ya se deshizo',
  'error.import.mergedGone': 'La persona fusionada ya no está',
};
