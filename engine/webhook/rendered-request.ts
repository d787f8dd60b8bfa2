/** The exact request a webhook node renders; stored so a re-send is byte-identical. */
export interface RenderedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | null;
}
