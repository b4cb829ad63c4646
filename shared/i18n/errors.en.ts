/**
 * Why an action failed, in English: the backend's refusals (backend/refusal.ts) and the
 * renderer's own transport failures, plus a summary per error code for a failure without text.
 */
export const errorsEn = {
  'error.code.invalid_input': 'Some of what was entered is not valid.',
  'error.code.unknown_operation': 'This console does not know that action.',
  'error.code.not_found': 'It is no longer on this console; it may have been removed or merged.',
  'error.code.refused': 'The console refused this.',
  'error.code.conflict': 'It changed meanwhile: check it and try again.',
  'error.code.needs_override': 'This needs an override with a reason.',
  'error.code.unauthorized': 'That is not allowed right now.',
  'error.code.unavailable': 'The console is not reachable right now; try again.',
  'error.code.wrong_passphrase': 'Wrong passphrase.',
  'error.code.database_locked': 'The console is locked: unlock it first.',
  'error.code.storage_fault': 'A storage problem on this computer; nothing was changed.',
  'error.code.internal':
    'Something went wrong on this console; nothing was changed. Details are in the log.',
  'error.technicalDetail': 'Technical detail: {detail}',

  'error.consoleLocked': 'The console is locked: unlock it with your PIN first.',
  'error.lostConnection': 'Lost the connection to the console backend; try again.',
  'error.notChecked':
    'The console did not answer, so it is not known whether this was saved. Look for it on the board before saving it again.',

  'error.assign.noRoles': '{name} has no roles on the roster; add one first.',
  'error.assign.incidentClosed': 'This incident is closed; nobody can be assigned to it.',
  'error.assign.merged': 'This report is merged into another incident; assign to that one.',
  'error.assign.inactive': '{name} is inactive on the roster.',
  'error.assign.alreadyHere': '{name} is already on this incident as {role}.',
  'error.assign.elsewhereSince':
    '{name} was assigned elsewhere since you started; check the board and try again.',
  'error.assign.changedSince':
    "{name}'s assignment changed since you started; check the board and try again.",
  'error.assign.statusChanged':
    'This assignment changed meanwhile: it is now "{current}", not "{expected}".',
  'error.assign.nothingToCheckIn': 'This assignment is {current}; there is nothing to check in.',
  'error.assign.needsOverride': '{name} can be assigned only with an override and a reason.',
  'guardDetail.busy_elsewhere': '{name} is already assigned to {type} at {place}.',
  'guardDetail.off_duty': '{name} is off duty and outside their availability now.',
  'guardDetail.missing_training':
    '{name} has no current "{training}" training, which the {role} role requires.',
  'guardDetail.avoids_scenes':
    '{name} asked not to be sent to enforcement scenes; {role} is a scene role.',
  'error.assign.nothingToUndo': 'There is no assignment action to undo on this console.',

  'error.incident.changed':
    'This incident changed meanwhile: it is now "{current}", not "{expected}". Check it and try again.',
  'error.incident.merged':
    'This report is merged into another incident; change that incident instead, or split it first.',
  'error.incident.callInFuture': 'The call cannot be received in the future',
  'error.incident.seenInFuture': 'The time seen cannot be in the future',
  'error.incident.outsideRegion':
    'This location is outside Western Massachusetts. Check it, or give a reason to save it anyway.',
  'error.timeline.alreadyCorrected':
    'That entry was already corrected; correct the correction instead.',
  'error.merge.self': 'An incident cannot be merged with itself.',
  'error.merge.intoMerged':
    'That incident is itself merged into another; merge into that one instead.',
  'error.merge.alreadyMerged': 'That report is already merged; split it first.',
  'error.merge.closed': 'Closed incidents cannot be merged.',
  'error.merge.notMerged': 'This report is not merged into another incident.',

  'error.shift.nobodyOn': 'Nobody is on shift at this console: sign on first.',
  'error.shift.lockedOwner':
    'The console is locked: only {name} can unlock it, with their PIN. To take over, give the console passphrase.',
  'error.shift.lockedTakeOver':
    'The console is locked: taking over needs the console passphrase (or {name} unlocks it with their PIN).',
  'error.shift.stillOn':
    '{name} is still on shift at this console. End that shift first, or take over (their hand-off brief is written automatically).',
  'error.shift.wrongPassphrase': 'Wrong console passphrase.',
  'error.shift.cannotCheckPassphrase':
    'This console cannot check a console passphrase yet, so a locked console cannot be taken over: {name} unlocks it with their PIN.',
  'error.shift.pinExists': '"{name}" already has a PIN on this console: sign on with it.',
  'error.shift.unknownName':
    'Nobody called "{name}" has signed on at this console yet. Choose "new on this console" to set a PIN.',
  'error.shift.justRegistered': '"{name}" was just registered on this console.',
  'error.shift.noHandoff': 'That shift has not ended: there is no hand-off brief yet.',
  'error.shift.acknowledged': 'This hand-off brief was already acknowledged by {name}.',
  'error.shift.noPin': 'No PIN is set for the dispatcher on shift at this console.',
  'error.shift.changedDuringPin': 'The shift changed while the PIN was checked: try again.',
  'error.shift.nameWhileOnShift':
    'Someone is on shift on this console: end the shift or hand off to change who is dispatching.',
  'error.shift.attention.one':
    '{count} item needs attention before you leave. Confirm that you passed it on to end the shift anyway.',
  'error.shift.attention.other':
    '{count} items need attention before you leave. Confirm that you passed them on to end the shift anyway.',
  'error.shift.confirmAttention': 'Confirm that you passed these on',
  'error.pin.gone': 'That dispatcher is no longer on this console.',
  'error.pin.lockedFor': 'Too many wrong PINs. Try again in {seconds} s.',
  'error.pin.wrongLocked': 'Wrong PIN. Too many wrong PINs: locked for {seconds} s.',
  'error.pin.wrongTriesLeft': 'Wrong PIN. Tries left before a lock: {left}.',

  'error.link.noUse': 'This assignment is {current}; a link would have no use.',
  'error.link.incidentClosed': 'This incident is closed; no new links can be made for it.',
  'error.link.noRelay':
    'Responder links go through the relay: join a network first (Network settings).',
  'error.link.revoked': 'This link was revoked already.',
  'error.link.dead': 'This link no longer works; make a new one.',

  'error.sync.unavailable': 'Sync is not available on this console',
  'error.sync.demoJoin':
    'This console holds the fictional demo network. Remove the demo data first (Settings → Remove demo data), then join your network: demo records must never reach real consoles.',
  'error.sync.conflictResolved': 'Already resolved by {name}',
  'error.import.unreadable': 'The file could not be read (bad base64 data)',
  'error.import.badExcel': 'The Excel file could not be read (.xlsx expected)',
  'error.import.matchGone': 'Line {line}: the matching responder is gone',
  'error.import.mergeAlreadyUndone': 'This merge was already undone',
  'error.import.mergedGone': 'The merged responder is gone',
  'error.notFound.incident': 'That incident is no longer on this console.',
  'error.notFound.timelineEntry': 'That timeline entry is no longer on this console.',
  'error.notFound.responder': 'That responder is no longer on this console.',
  'error.notFound.shift': 'That shift is no longer on this console.',
  'error.notFound.conflict': 'That sync conflict is no longer on this console.',
  'error.notFound.link': 'That responder link is no longer on this console.',
  'error.notFound.assignment': 'That assignment is no longer on this console.',
  'error.incident.alreadyStatus': 'The incident is already "{status}".',
  'error.incident.closedNoChange': 'The incident is closed; open a new report instead.',
  'error.incident.cannotGo': 'The incident cannot go from "{from}" to "{to}".',
  'error.assign.final': 'This assignment is {current}; it cannot change any more.',
  'error.assign.cannotGo': 'This assignment cannot go from "{from}" to "{to}".',
  'error.idempotency.otherOperation':
    'This request was already used for another action; reload and try again.',
  'error.import.noFile': 'Choose the roster file to import.',
  'error.import.mergeGone': 'That import merge is no longer on this console.',
  'error.import.mapping': 'The column mapping cannot be used: {problem}.',
  'error.import.mappingMore.one':
    'The column mapping cannot be used: {problem}, and {count} more problem.',
  'error.import.mappingMore.other':
    'The column mapping cannot be used: {problem}, and {count} more problems.',
  'error.mapPack.notAbsolute': 'Give the full path of the map pack file.',
  'error.mapPack.noFile': 'That file does not exist.',
  'error.mapPack.notPack': 'That file is not a PMTiles or MBTiles map pack.',
  'error.mapPack.unreadable': 'The map pack could not be read: {detail}',
  'error.mapPack.outOfOrder':
    'The upload arrived out of order (expected byte {expected}, got {got}); start again.',
  'error.mapPack.tooLarge': 'The map pack is larger than 4 GB.',
  'error.startup.wrongPassphrase':
    'That passphrase does not open this console. Nothing was changed; try again.',
  'error.startup.openFailed': 'The console database could not be opened. Details are in the log.',
  'error.startup.alreadyCreated': 'This folder already holds a console: unlock it instead.',
  'error.startup.noBackup': "There is no backup named {name} in this console's folder.",
  'error.startup.keyInfoMissing':
    'The key file console.keyinfo.json is missing: backups cannot be opened without it.',
  'error.startup.locked': 'The console is locked: enter the console passphrase first.',
  'fieldError.required': 'This is required.',
  'fieldError.tooLong.one': 'At most {count} character.',
  'fieldError.tooLong.other': 'At most {count} characters.',
  'fieldError.tooShort.one': 'At least {count} character.',
  'fieldError.tooShort.other': 'At least {count} characters.',
  'fieldError.tooMany.one': 'At most {count} item.',
  'fieldError.tooMany.other': 'At most {count} items.',
  'fieldError.tooFew.one': 'At least {count} item.',
  'fieldError.tooFew.other': 'At least {count} items.',
  'fieldError.chooseOne': 'Choose at least one.',
  'fieldError.atMost': 'At most {limit}.',
  'fieldError.lessThan': 'Less than {limit}.',
  'fieldError.atLeast': 'At least {limit}.',
  'fieldError.moreThan': 'More than {limit}.',
  'fieldError.wrongType': 'Not the right kind of value.',
  'fieldError.format.id': 'Not a valid id.',
  'fieldError.format.datetime': 'Not a valid date and time.',
  'fieldError.format.date': 'Not a valid date (YYYY-MM-DD).',
  'fieldError.format.time': 'Not a valid time (HH:MM).',
  'fieldError.format.phone': 'Not a phone number in international form, e.g. +14135550123.',
  'fieldError.format.url': 'Not a valid web address.',
  'fieldError.format.email': 'Not a valid email address.',
  'fieldError.format.other': 'Not in the expected format.',
  'fieldError.choice': 'Choose one of the offered values.',
  'fieldError.unknownField': 'This field is not part of this action.',
  'fieldError.multipleOf': 'Must be a multiple of {divisor}.',
  'fieldError.invalid': 'Not a valid value.',
  'fieldError.declineReason': 'Choose why they declined.',
  'fieldError.nothingToChange': 'Nothing to change.',
  'fieldError.windowOrder': 'A window must end after it starts.',
  'fieldError.callbackPhone': 'Enter a callback number like (413) 555-0123, or leave it empty.',
  'fieldError.languageOnce': 'Each language once.',
  'fieldError.newPin': 'The PIN is {min} to {max} digits.',
  'fieldError.passphrasesDiffer': 'The two passphrases differ.',
} as const;
