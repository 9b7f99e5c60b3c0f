import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { thirdPartyNotices } from './scripts/third-party-notices.mjs';

// The renderer is one bundle for both screens: "/" is the cashier, "/customer" the customer display.
export default defineConfig({
  root: 'renderer',
  base: '/',
  plugins: [
    react(),
    {
      // The licences of what the bundle holds (react, zustand, qrcode, zod ...) travel with it.
      name: 'kassa-third-party-notices',
      generateBundle(_options, bundle) {
        const ids = Object.values(bundle).flatMap((file) => (file.type === 'chunk' ? file.moduleIds : []));
        this.emitFile({ type: 'asset', fileName: 'THIRD_PARTY_NOTICES.txt', source: thirdPartyNotices(ids, 'the screens (dist/renderer)') });
      },
    },
  ],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: false,
    target: 'chrome120',
    // One bundle read from the local disk (kassa://app or 127.0.0.1), not over a network: ~550 kB is fine.
    chunkSizeWarningLimit: 800,
  },
});
