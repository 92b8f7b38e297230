// pa11y 9 ships no types; src/check/page.ts states the shape it uses.
declare module 'pa11y';
