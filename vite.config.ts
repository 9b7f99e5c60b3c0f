import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer is one bundle for both screens: "/" is the cashier, "/customer" the customer display.
export default defineConfig({
  root: 'renderer',
  base: '/',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: false,
    target: 'chrome120',
  },
});
