/**
 * What a dispatcher PIN may be. New PINs are 6 to 12 digits: with the backend's memory-hard hash
 * (about half a second per guess) a 6-digit PIN costs an attacker holding the file about a
 * million guesses, days of one core, while the online rate limit stops guessing at the console.
 * PINs set under the older 4-digit minimum are still accepted at sign-on so nobody is locked out.
 */
export const PIN_MIN_DIGITS = 6;
export const PIN_MAX_DIGITS = 12;
export const LEGACY_PIN_MIN_DIGITS = 4;

export const NEW_PIN_PATTERN = new RegExp(`^\\d{${PIN_MIN_DIGITS},${PIN_MAX_DIGITS}}$`);
export const ENTERED_PIN_PATTERN = new RegExp(`^\\d{${LEGACY_PIN_MIN_DIGITS},${PIN_MAX_DIGITS}}$`);

export const NEW_PIN_MESSAGE = `The PIN is ${PIN_MIN_DIGITS} to ${PIN_MAX_DIGITS} digits`;

/** A PIN someone may set now. */
export const isNewPinShape = (pin: string) => NEW_PIN_PATTERN.test(pin);
/** A PIN worth checking against a stored hash (anything else is wrong without hashing). */
export const isEnteredPinShape = (pin: string) => ENTERED_PIN_PATTERN.test(pin);
