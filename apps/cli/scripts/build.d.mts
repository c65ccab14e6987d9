/** The bundle scripts/build.mjs writes, and the list of sources it was built from. */
export declare const BUNDLE: string;
export declare const SOURCES: string;
/** Builds dist/kiln.mjs; resolves to how long it took (ms). */
export declare function buildCli(): Promise<number>;
