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
  'error.shift.attention.one':
    'Hay {count} asunto que necesita atención antes de irse. Confirme que lo pasó al siguiente turno para terminar el turno de todos modos.',
  'error.shift.attention.other':
    'Hay {count} asuntos que necesitan atención antes de irse. Confirme que los pasó al siguiente turno para terminar el turno de todos modos.',
  'error.shift.confirmAttention': 'Confirme que pasó estos asuntos al siguiente turno',
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
  'error.notFound.incident': 'Ese incidente ya no está en esta consola.',
  'error.notFound.timelineEntry': 'Esa entrada de la cronología ya no está en esta consola.',
  'error.notFound.responder': 'Esa persona voluntaria ya no está en esta consola.',
  'error.notFound.shift': 'Ese turno ya no está en esta consola.',
  'error.notFound.conflict': 'Ese conflicto de sincronización ya no está en esta consola.',
  'error.notFound.link': 'Ese enlace para voluntarios ya no está en esta consola.',
  'error.notFound.assignment': 'Esa asignación ya no está en esta consola.',
  'error.incident.alreadyStatus': 'El incidente ya está en «{status}».',
  'error.incident.closedNoChange': 'El incidente está cerrado; abra un reporte nuevo.',
  'error.incident.cannotGo': 'El incidente no puede pasar de «{from}» a «{to}».',
  'error.assign.final': 'Esta asignación está en «{current}»; ya no puede cambiar.',
  'error.assign.cannotGo': 'Esta asignación no puede pasar de «{from}» a «{to}».',
  'error.idempotency.otherOperation':
    'Esta solicitud ya se usó para otra acción; vuelva a cargar e inténtelo de nuevo.',
  'error.import.noFile': 'Elija el archivo de la lista de voluntarios que quiere importar.',
  'error.import.mergeGone': 'Esa fusión de la importación ya no está en esta consola.',
  'error.import.mapping': 'No se pueden usar estas columnas: {problem}.',
  'error.import.mappingMore.one':
    'No se pueden usar estas columnas: {problem}, y hay {count} problema más.',
  'error.import.mappingMore.other':
    'No se pueden usar estas columnas: {problem}, y hay {count} problemas más.',
  'error.mapPack.notAbsolute': 'Indique la ruta completa del archivo del paquete de mapas.',
  'error.mapPack.noFile': 'Ese archivo no existe.',
  'error.mapPack.notPack': 'Ese archivo no es un paquete de mapas PMTiles ni MBTiles.',
  'error.mapPack.unreadable': 'No se pudo leer el paquete de mapas: {detail}',
  'error.mapPack.outOfOrder':
    'La carga llegó desordenada (se esperaba el byte {expected} y llegó el {got}); empiece de nuevo.',
  'error.mapPack.tooLarge': 'El paquete de mapas pesa más de 4 GB.',
  'error.startup.wrongPassphrase':
    'Esa frase de contraseña no abre esta consola. No se cambió nada; inténtelo de nuevo.',
  'error.startup.openFailed':
    'No se pudo abrir la base de datos de la consola. Los detalles están en el registro.',
  'error.startup.alreadyCreated': 'Esta carpeta ya tiene una consola: desbloquéela.',
  'error.startup.noBackup':
    'No hay ninguna copia de seguridad llamada {name} en la carpeta de esta consola.',
  'error.startup.keyInfoMissing':
    'Falta el archivo de clave console.keyinfo.json: sin él no se pueden abrir las copias de seguridad.',
  'error.startup.locked':
    'La consola está bloqueada: escriba primero la frase de contraseña de la consola.',
  'fieldError.required': 'Este dato es obligatorio.',
  'fieldError.tooLong.one': 'Como máximo {count} carácter.',
  'fieldError.tooLong.other': 'Como máximo {count} caracteres.',
  'fieldError.tooShort.one': 'Como mínimo {count} carácter.',
  'fieldError.tooShort.other': 'Como mínimo {count} caracteres.',
  'fieldError.tooMany.one': 'Como máximo {count} elemento.',
  'fieldError.tooMany.other': 'Como máximo {count} elementos.',
  'fieldError.tooFew.one': 'Como mínimo {count} elemento.',
  'fieldError.tooFew.other': 'Como mínimo {count} elementos.',
  'fieldError.chooseOne': 'Elija al menos una opción.',
  'fieldError.atMost': 'Como máximo {limit}.',
  'fieldError.lessThan': 'Menos de {limit}.',
  'fieldError.atLeast': 'Como mínimo {limit}.',
  'fieldError.moreThan': 'Más de {limit}.',
  'fieldError.wrongType': 'Este valor no es del tipo esperado.',
  'fieldError.format.id': 'No es un identificador válido.',
  'fieldError.format.datetime': 'No es una fecha y hora válida.',
  'fieldError.format.date': 'No es una fecha válida (AAAA-MM-DD).',
  'fieldError.format.time': 'No es una hora válida (HH:MM).',
  'fieldError.format.phone': 'No es un teléfono en formato internacional, p. ej. +14135550123.',
  'fieldError.format.url': 'No es una dirección web válida.',
  'fieldError.format.email': 'No es un correo electrónico válido.',
  'fieldError.format.other': 'No tiene el formato esperado.',
  'fieldError.choice': 'Elija uno de los valores ofrecidos.',
  'fieldError.unknownField': 'Este campo no corresponde a esta acción.',
  'fieldError.multipleOf': 'Debe ser múltiplo de {divisor}.',
  'fieldError.invalid': 'No es un valor válido.',
  'fieldError.declineReason': 'Elija por qué no aceptó.',
  'fieldError.nothingToChange': 'No hay nada que cambiar.',
  'fieldError.windowOrder': 'Un horario debe terminar después de empezar.',
  'fieldError.callbackPhone':
    'Escriba un número para devolver la llamada, como (413) 555-0123, o déjelo vacío.',
  'fieldError.languageOnce': 'Cada idioma una sola vez.',
  'fieldError.newPin': 'El PIN tiene de {min} a {max} dígitos.',
  'fieldError.passphrasesDiffer': 'Las dos frases de contraseña no coinciden.',
};
