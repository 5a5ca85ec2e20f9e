// Vite entry (index.html loads /src/main.tsx); the app lives in src/ui.
import './ui/main';
