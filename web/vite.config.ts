import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  // In development the API runs on its own port; in the product both share one.
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
