// Specs pass functions to page.evaluate() that run in the browser, so the e2e code sees the DOM
// types too. (The backend projects never get them: tsconfig.main.json has no DOM.)
/// <reference lib="dom" />
