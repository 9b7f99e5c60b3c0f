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
    // One bundle read from the local disk (kassa://app or 127.0.0.1), not over a network: ~550 kB is fine.
    chunkSizeWarningLimit: 800,
  },
});
