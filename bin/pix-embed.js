#!/usr/bin/env node
// The CLI is TypeScript run through tsx's loader, so `npx pix-embed` works right after `npm install`, with no build step.
import { register } from 'tsx/esm/api';

register();
await import('../tool/src/cli/main.ts');
