/** CSS imported by the entry point is bundled by esbuild into app.css. */
declare module '*.css';
