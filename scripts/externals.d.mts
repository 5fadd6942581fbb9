export declare const runtimeDependencies: string[];
export declare const external: string[];
