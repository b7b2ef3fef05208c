import { defineConfig } from 'drizzle-kit';

// Migrations are generated here and applied by the tool itself at start-up (tool/src/shared/infrastructure/db/migrate.ts).
export default defineConfig({
  dialect: 'postgresql',
  schema: './tool/src/shared/infrastructure/db/schema.ts',
  out: './tool/migrations',
});
