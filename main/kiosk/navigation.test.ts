import { describe, expect, it } from 'vitest';
import { decideWindowOpen, isAllowedNavigation, isBlockedRequest, isKioskOriginUrl } from './navigation';

describe('isAllowedNavigation', () => {
  it.each([['kiosk://app/'], ['kiosk://app/index.html']])("allows the kiosk's own page: %s", (url) => {
    expect(isAllowedNavigation(url)).toBe(true);
  });

  // Issue 10, point 4: a page from the content package (media/evil.html) must never become the kiosk's
  // document, whatever the server would answer; nor anything else on the origin but the app's page.
  it.each([
    ['a page in the content package', 'kiosk://app/media/evil.html'],
    ['a script in the content package', 'kiosk://app/media/evil.js'],
    ['a photograph', 'kiosk://app/media/photos/a%20b.jpg'],
    ['a derivative', 'kiosk://app/derived/abc/tiles.dzi'],
    ['a built asset', 'kiosk://app/assets/index-1.js'],
    ['the api', 'kiosk://app/api/exhibit'],
    ['index.html in a folder', 'kiosk://app/media/index.html'],
    ['index.html with a trailing slash', 'kiosk://app/index.html/'],
    ['an encoded index.html', 'kiosk://app/index%2ehtml'],
    ['a query (the app uses none)', 'kiosk://app/?lang=zh'],
    ['a hash (the app uses none)', 'kiosk://app/#closed'],
    ['index.html with a query', 'kiosk://app/index.html?x=1'],
    ['an empty query', 'kiosk://app/?'],
    ['an empty hash', 'kiosk://app/#'],
    ['a dot segment back to the page', 'kiosk://app/media/../'],
    ['double slash', 'kiosk://app//'],
  ])('refuses other places on the kiosk origin: %s', (_name, url) => {
    expect(isAllowedNavigation(url)).toBe(false);
    // …while the page may still load them (or ask for them) as sub-resources of its own origin.
    expect(isKioskOriginUrl(url)).toBe(true);
  });

  it.each([
    ['empty', ''],
    ['garbage', 'not a url at all'],
    ['only scheme', 'kiosk:'],
    ['no trailing slash variant of host', 'kiosk://app'],
    ['file', 'file:///etc/passwd'],
    ['file on Windows', 'file:///C:/Windows/System32/cmd.exe'],
    ['javascript', 'javascript:alert(1)'],
    ['javascript with kiosk text', 'javascript://kiosk://app/%0aalert(1)'],
    ['data html', 'data:text/html,<script>alert(1)</script>'],
    ['blob of another origin', 'blob:https://evil.example/1234-5678'],
    ['blob of the kiosk origin', 'blob:kiosk://app/1234-5678'],
    ['http', 'http://example.com/'],
    ['https', 'https://example.com/'],
    ['https to localhost', 'https://127.0.0.1:4173/'],
    ['ws', 'ws://127.0.0.1/'],
    ['about blank', 'about:blank'],
    ['chrome', 'chrome://gpu'],
    ['devtools', 'devtools://devtools/bundled/inspector.html'],
    ['other kiosk host', 'kiosk://evil/'],
    ['host suffix', 'kiosk://app.evil.com/'],
    ['host prefix', 'kiosk://evilapp/'],
    ['userinfo then evil host', 'kiosk://app@evil/'],
    ['userinfo before app', 'kiosk://evil@app/'],
    ['user and password', 'kiosk://user:pass@app/'],
    ['port', 'kiosk://app:8080/'],
    ['empty port', 'kiosk://app:/'],
    ['uppercase scheme', 'KIOSK://app/'],
    ['mixed case scheme', 'Kiosk://app/'],
    ['uppercase host', 'kiosk://APP/'],
    ['cyrillic a look-alike host', 'kiosk://\u0430pp/'],
    ['punycode look-alike host', 'kiosk://xn--pp-8kc/'],
    ['fullwidth look-alike host', 'kiosk://\uff41pp/'],
    ['backslash host separator', 'kiosk://app\\@evil/'],
    ['backslash in path', 'kiosk://app/\\\\evil/'],
    ['backslashes for slashes', 'kiosk:\\\\app\\'],
    ['leading space', ' kiosk://app/'],
    ['tab inside', 'kiosk://a\tpp/'],
    ['newline inside', 'kiosk://app/\n'],
    ['null byte', 'kiosk://app/\u0000'],
    ['single slash', 'kiosk:/app/'],
    ['triple slash', 'kiosk:///app/'],
    ['protocol relative', '//app/'],
    ['relative path', '/index.html'],
    ['trailing dot host', 'kiosk://app./'],
  ])('refuses %s', (_name, url) => {
    expect(isAllowedNavigation(url)).toBe(false);
  });

  it.each([[undefined], [null], [42], [{ href: 'kiosk://app/' }]])('refuses non-strings: %s', (value) => {
    expect(isAllowedNavigation(value)).toBe(false);
  });

  it('refuses absurdly long URLs', () => {
    expect(isAllowedNavigation(`kiosk://app/${'a'.repeat(9000)}`)).toBe(false);
  });
});

describe('decideWindowOpen', () => {
  it.each([
    ['kiosk://app/', 'load-in-place'],
    ['kiosk://app/#about', 'deny'],
    ['kiosk://app/media/evil.html', 'deny'],
    ['https://example.com/', 'deny'],
    ['kiosk://evil/', 'deny'],
    ['about:blank', 'deny'],
    ['', 'deny'],
  ] as const)('%s → %s', (url, expected) => {
    expect(decideWindowOpen(url)).toBe(expected);
  });
});

describe('isBlockedRequest', () => {
  it.each([
    ['kiosk://app/assets/index.js', false],
    ['kiosk://app/media/a.mp3', false],
    ['kiosk://app/api/exhibit', false],
    ['kiosk://app/derived/abc/tiles_files/0/0_0.jpeg', false],
    ['data:image/png;base64,AAAA', false],
    ['blob:kiosk://app/1234', false],
    ['devtools://devtools/bundled/inspector.html', false],
    ['http://example.com/x.js', true],
    ['https://fonts.example/x.woff2', true],
    ['ws://127.0.0.1:9222/', true],
    ['wss://example.com/', true],
    ['ftp://example.com/', true],
    ['file:///etc/passwd', true],
    ['kiosk://evil/x', true],
    ['nonsense', true],
  ] as const)('%s → blocked %s', (url, expected) => {
    expect(isBlockedRequest(url)).toBe(expected);
  });
});
