export declare function slugOf(heading: string): string;
export declare function headingsOf(markdown: string): { level: number; text: string; anchor: string }[];
export declare function withToc(markdown: string): string;
