#!/usr/bin/env node
import { register } from 'tsx/esm/api';

// The CLI is TypeScript source, like the packages it imports; tsx compiles it on the fly.
register();
await import('../src/main.ts');
