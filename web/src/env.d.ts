/// <reference types="vite/client" />

/** The built basemap's URL (web/basemap-build.ts). */
declare module 'virtual:amur-basemap' {
  const url: string;
  export default url;
}
