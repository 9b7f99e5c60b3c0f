// A file chosen in an <input type="file">, as plain base64 (the data: URL prefix stripped).
export function readFileBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () => reject(reader.error ?? new Error('the file cannot be read'));
    reader.onload = () => {
      const url = typeof reader.result === 'string' ? reader.result : '';
      const comma = url.indexOf(',');
      if (!url.startsWith('data:') || comma < 0) reject(new Error('the file cannot be read'));
      else resolve(url.slice(comma + 1));
    };
    reader.readAsDataURL(file);
  });
}
