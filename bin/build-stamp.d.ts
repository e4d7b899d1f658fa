// Types of build-stamp.js (plain JavaScript: it runs before anything is compiled).
export declare const REPO_DIR: string;
export declare const SRC_DIR: string;
export declare const DIST_DIR: string;
export declare const STAMP_FILE: string;
export declare function isBuildInput(rel: string): boolean;
export declare function buildInputs(): string[];
export declare function sourceStamp(): string;
export declare function buildIsFresh(): boolean;
