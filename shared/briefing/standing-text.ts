/**
 * The network's standing briefing text: the part of every rally briefing that does not depend on
 * the incident (guidelines, rights, songs, safety, hotline numbers). Stored in settings (editable
 * in the settings dialog); these are the FICTIONAL defaults a new network starts from. One point
 * per line. Phone numbers are in the 555 range reserved for fiction.
 */
export const STANDING_TEXT_MAX = 900;
export const HOTLINE_MAX = 40;

export const DEFAULT_STANDING_TEXT = {
  briefingNetworkHotline: '(413) 555-0117',
  briefingLegalHotline: '(413) 555-0136',
  briefingDeescalationEn: [
    'Stay calm, stand together, keep your hands visible.',
    'Keep a respectful distance from agents; never touch anyone or block a vehicle.',
    'Only the rally lead speaks with officers; everyone else stays with the group.',
    'If tension rises, the song leader starts a song or a prayer and everyone joins.',
    'Do not answer provocation. Leave together when the rally lead says so.',
  ].join('\n'),
  briefingDeescalationEs: [
    'Mantenga la calma, permanezcan juntos, con las manos visibles.',
    'Guarde una distancia respetuosa de los agentes; no toque a nadie ni bloquee vehículos.',
    'Solo la persona líder habla con los agentes; los demás se quedan con el grupo.',
    'Si sube la tensión, quien dirige los cantos empieza una canción u oración y todos se unen.',
    'No responda a provocaciones. Salgan juntos cuando la persona líder lo indique.',
  ].join('\n'),
  briefingRightsEn: [
    'Everyone has the right to remain silent.',
    'Do not open the door: ask to see a warrant signed by a judge, under the door or at the window.',
    'Do not sign anything before talking with a lawyer.',
    'You may film and photograph in public places, from a safe distance.',
    'Never carry false papers and never lie; you may simply stay silent.',
  ].join('\n'),
  briefingRightsEs: [
    'Toda persona tiene derecho a guardar silencio.',
    'No abra la puerta: pida ver una orden firmada por un juez, por debajo de la puerta o en la ventana.',
    'No firme nada antes de hablar con un abogado.',
    'Puede filmar y tomar fotos en lugares públicos, a una distancia segura.',
    'Nunca lleve documentos falsos ni mienta; puede simplemente guardar silencio.',
  ].join('\n'),
  briefingSongsEn: [
    '"We Shall Not Be Moved"',
    '"This Little Light of Mine"',
    'Chant: "Here to stay! Families united, here to stay!"',
  ].join('\n'),
  briefingSongsEs: [
    '«No nos moverán»',
    '«De colores»',
    'Consigna: «¡Aquí estamos y no nos vamos!»',
  ].join('\n'),
  briefingSafetyEn: [
    'Comfortable shoes, water and a charged phone.',
    'Do not post faces, plates or the address online; the family decides what is shared.',
    'Anyone at personal risk, and children, stay away from the scene.',
    'Report any arrest or injury to the legal hotline at once.',
  ].join('\n'),
  briefingSafetyEs: [
    'Zapatos cómodos, agua y el teléfono cargado.',
    'No publique caras, placas ni la dirección en redes; la familia decide qué se comparte.',
    'Las personas en riesgo y los niños se quedan lejos de la escena.',
    'Reporte cualquier arresto o lesión a la línea legal de inmediato.',
  ].join('\n'),
} as const;
