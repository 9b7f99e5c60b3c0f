// The kassa://app file mapping: SPA routes, the path-traversal guard, content types, CSP, and which
// URLs count as ours (navigation guard, IPC sender check, renderer request filter).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  contentTypeFor,
  isAllowedRendererRequest,
  isAppUrl,
  isInside,
  resolveRendererPath,
  responseHeaders,
} from '../../main/electron/protocol-paths.js';

const root = path.resolve('/opt/kassa/dist/renderer');
const inRoot = (...parts: string[]) => path.join(root, ...parts);

describe('resolveRendererPath: files and SPA routes', () => {
  it('serves index.html for "/" and for extension-less routes', () => {
    for (const route of ['/', '/customer', '/customer/', '/settings/shop', '']) {
      expect(resolveRendererPath(root, route), route).toEqual({
        ok: true,
        filePath: inRoot('index.html'),
        spaFallback: true,
      });
    }
  });

  it('serves built files by path', () => {
    expect(resolveRendererPath(root, '/assets/index-AbC123.js')).toEqual({
      ok: true,
      filePath: inRoot('assets', 'index-AbC123.js'),
      spaFallback: false,
    });
    expect(resolveRendererPath(root, '/index.html')).toMatchObject({ ok: true, filePath: inRoot('index.html') });
    expect(resolveRendererPath(root, '/assets//logo.svg')).toMatchObject({ filePath: inRoot('assets', 'logo.svg') });
  });

  it('decodes percent-encoding of ordinary names', () => {
    expect(resolveRendererPath(root, '/assets/%D1%88%D1%80%D0%B8%D1%84%D1%82.woff2')).toMatchObject({
      ok: true,
      filePath: inRoot('assets', 'шрифт.woff2'),
    });
  });
});

describe('resolveRendererPath: traversal attempts are refused', () => {
  const forbidden = [
    '/../../etc/passwd',
    '/assets/../../../etc/passwd',
    '/..',
    '/./index.html',
    '/%2e%2e/%2e%2e/etc/passwd',
    '/%2E%2E/secret.txt',
    '/assets/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    '/..%2fetc%2fpasswd',
    '/..%5c..%5cwindows%5cwin.ini',
    '/assets\\..\\..\\secret.txt',
    '/%5c%5cserver%5cshare%5cfile.js',
    '/index.html%00.png',
    '/index.html\0',
    '/C:/Windows/win.ini',
    '/c%3a/windows/win.ini',
    '/index.html:stream',
    '/assets/CON.js',
    '/nul',
    '/LPT1.txt',
  ];
  for (const attempt of forbidden) {
    it(`refuses ${JSON.stringify(attempt)}`, () => {
      expect(resolveRendererPath(root, attempt)).toEqual({ ok: false, status: 403 });
    });
  }

  it('keeps absolute-looking paths inside the renderer dir', () => {
    const result = resolveRendererPath(root, '//etc/passwd');
    // "/etc/passwd" has no extension: an SPA route, i.e. index.html, never the system file.
    expect(result).toEqual({ ok: true, filePath: inRoot('index.html'), spaFallback: true });
    expect(resolveRendererPath(root, '/etc/passwd.txt')).toEqual({
      ok: true,
      filePath: inRoot('etc', 'passwd.txt'),
      spaFallback: false,
    });
  });

  it('answers 400 to malformed percent-encoding', () => {
    expect(resolveRendererPath(root, '/%E0%A4%A.js')).toEqual({ ok: false, status: 400 });
    expect(resolveRendererPath(root, '/%zz.js')).toEqual({ ok: false, status: 400 });
  });

  it('applies the same rules with Windows paths', () => {
    const winRoot = 'C:\\Program Files\\Kassa\\resources\\app.asar\\dist\\renderer';
    expect(resolveRendererPath(winRoot, '/assets/app.js', path.win32)).toEqual({
      ok: true,
      filePath: `${winRoot}\\assets\\app.js`,
      spaFallback: false,
    });
    for (const attempt of ['/..%5c..%5cevil.js', '/%2e%2e/evil.js', '/D:/evil.js', '/aux.js']) {
      expect(resolveRendererPath(winRoot, attempt, path.win32), attempt).toEqual({ ok: false, status: 403 });
    }
  });
});

describe('isInside', () => {
  it('accepts descendants only', () => {
    expect(isInside(root, inRoot('a.js'))).toBe(true);
    expect(isInside(root, inRoot('..file.js'))).toBe(true);
    expect(isInside(root, root)).toBe(false);
    expect(isInside(root, path.resolve(root, '..'))).toBe(false);
    expect(isInside(root, `${root}-evil/a.js`)).toBe(false);
    expect(isInside('C:\\app', 'D:\\app\\a.js', path.win32)).toBe(false);
  });
});

describe('content types and headers', () => {
  it('maps the files Vite emits', () => {
    expect(contentTypeFor('/x/index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeFor('/x/assets/index-1.js')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('/x/assets/index-1.CSS')).toBe('text/css; charset=utf-8');
    expect(contentTypeFor('/x/logo.svg')).toBe('image/svg+xml');
    expect(contentTypeFor('/x/font.woff2')).toBe('font/woff2');
    expect(contentTypeFor('/x/unknown.bin')).toBe('application/octet-stream');
    expect(contentTypeFor('/x/noext')).toBe('application/octet-stream');
  });

  it('sends the strict CSP with every response', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-(inline|eval)/);
    const headers = responseHeaders('text/html; charset=utf-8');
    expect(headers['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(headers['X-Content-Type-Options']).toBe('nosniff');
  });
});

describe('isAppUrl / isAllowedRendererRequest', () => {
  it('recognises our origin only', () => {
    expect(isAppUrl('kassa://app/')).toBe(true);
    expect(isAppUrl('kassa://app/customer')).toBe(true);
    expect(isAppUrl('KASSA://APP/customer')).toBe(true);
    for (const url of [
      'kassa://evil/',
      'kassa://app.evil.com/',
      'kassa://app:8080/',
      'kassa://user@app/',
      'https://app/',
      'file:///opt/kassa/dist/renderer/index.html',
      'http://127.0.0.1:5173/',
      'about:blank',
      'javascript:alert(1)',
      'not a url',
      '',
    ]) {
      expect(isAppUrl(url), url).toBe(false);
    }
  });

  it('lets the renderer reach nothing but itself', () => {
    expect(isAllowedRendererRequest('kassa://app/assets/a.js')).toBe(true);
    expect(isAllowedRendererRequest('data:image/png;base64,AAAA')).toBe(true);
    expect(isAllowedRendererRequest('blob:kassa://app/1234')).toBe(true);
    expect(isAllowedRendererRequest('devtools://devtools/bundled/inspector.html')).toBe(true);
    expect(isAllowedRendererRequest('https://kaspi.kz/')).toBe(false);
    expect(isAllowedRendererRequest('http://127.0.0.1:8080/api')).toBe(false);
    expect(isAllowedRendererRequest('wss://example.com/')).toBe(false);
    expect(isAllowedRendererRequest('file:///etc/passwd')).toBe(false);
  });
});
