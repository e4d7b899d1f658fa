/// <reference types="vite/client" />

/** The built basemap's URLs (web/basemap-build.ts): the full 1:50m file and its light version for low zooms. */
declare module 'virtual:amur-basemap' {
  export const detail: string;
  export const light: string;
}
