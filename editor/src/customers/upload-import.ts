import { apiKey } from '../api/api-client.ts';

/** The answer of `POST /api/customers/import`. */
export interface ImportReport {
  format: 'ndjson' | 'csv';
  lines: number;
  imported: number;
  failed: number;
  errors: { line: number; message: string }[];
  errorsTruncated: boolean;
}

/** The content type a file is sent as: CSV by its name or type, NDJSON otherwise. */
export function importTypeOf(file: File): string {
  return /\.csv$/i.test(file.name) || file.type === 'text/csv' ? 'text/csv' : 'application/x-ndjson';
}

/**
 * Sends the file to the import as a stream, telling `onProgress` the share sent (0 to 1). The
 * server reads as it writes, so what is sent is close to what is imported. XMLHttpRequest,
 * because fetch reports no upload progress.
 */
export function uploadImport(file: File, onProgress: (share: number) => void): Promise<ImportReport> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', '/api/customers/import');
    request.setRequestHeader('authorization', `Bearer ${apiKey()}`);
    request.setRequestHeader('content-type', importTypeOf(file));
    request.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    request.onload = () => {
      let body: { error?: { message?: string } } & Partial<ImportReport> = {};
      try {
        body = JSON.parse(request.responseText);
      } catch {
        // A non-JSON answer (a proxy's page): its status says enough.
      }
      if (request.status === 200) resolve(body as ImportReport);
      else reject(new Error(body.error?.message ?? `The server answered ${request.status}`));
    };
    request.onerror = () => reject(new Error('The upload did not reach the server'));
    request.send(file);
  });
}
