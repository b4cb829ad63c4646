import { z } from 'zod';

/** One named operation of the contract: what it takes, what it returns, and what it is for. */
export const op = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O, doc: string) => ({
  input,
  output,
  doc,
});

export const Empty = z.strictObject({});
