// Types of build.js (plain JavaScript: `npm install` runs it before anything is compiled).
export declare function buildSources(): Promise<{ files: number; ms: number; stamp: string }>;
