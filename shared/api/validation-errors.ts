import type { z } from 'zod';

/** Turns a zod error into field-path -> message pairs and one readable sentence. */
export function describeZodError(error: z.ZodError): {
  message: string;
  fieldErrors: Record<string, string>;
} {
  const fieldErrors: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.') || '(input)';
    if (!(path in fieldErrors)) fieldErrors[path] = issue.message;
  }
  const parts = Object.entries(fieldErrors).map(([path, msg]) =>
    path === '(input)' ? msg : `${path}: ${msg}`,
  );
  return { message: `Invalid input: ${parts.join('; ')}`, fieldErrors };
}
