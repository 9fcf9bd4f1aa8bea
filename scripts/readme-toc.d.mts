export interface Heading {
  level: number;
  text: string;
  anchor: string;
}
export declare function slugOf(heading: string): string;
export declare function anchorsOf(markdown: string): Heading[];
export declare function headingsOf(markdown: string): Heading[];
export declare function linksOf(markdown: string): string[];
export declare function withToc(markdown: string): string;
export declare function docsPages(dir?: string): string[];
export declare function pagesWithToc(): string[];
