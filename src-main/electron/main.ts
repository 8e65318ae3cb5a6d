// Entry of the Electron app (dist/main.js). Everything happens in desktop-app.ts.
import { runDesktopApp } from './desktop-app.js';

runDesktopApp(process.argv);
