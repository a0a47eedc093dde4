import { defineConfig } from 'vite';
import { extensionConfig } from './vite.config';

/** Firefox build of the extension (`npm run build:firefox` → dist/firefox/); see vite.config.ts. */
export default defineConfig(extensionConfig('firefox'));
