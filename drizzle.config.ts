import { defineConfig } from 'drizzle-kit';

// Migrations are append-only: change db/schema.ts, run `npm run db:generate`, commit the new
// SQL file and add its test in test/integration/migrations.test.ts. Never edit a shipped one.
export default defineConfig({
  dialect: 'sqlite',
  schema: './db/schema.ts',
  out: './db/migrations',
});
