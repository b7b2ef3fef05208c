// Vite's client types: lets TypeScript accept `import './base.css'` and other asset imports.
/// <reference types="vite/client" />
