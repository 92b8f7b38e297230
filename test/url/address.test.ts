import { describe, expect, it } from 'vitest';
import { localTarget } from '../../src/document/links.js';
import { localHost, refusedAddress } from '../../src/common/address.js';
import { outputName } from '../../src/common/names.js';

describe('refused addresses', () => {
  it.each([
    ['127.0.0.1', /loopback/u],
    ['127.255.255.254', /loopback/u],
    ['0.0.0.0', /this network/u],
    ['0.1.2.3', /this network/u],
    ['10.20.30.40', /private/u],
    ['172.16.0.1', /private/u],
    ['172.31.255.255', /private/u],
    ['192.168.1.1', /private/u],
    ['100.64.0.1', /carrier-grade NAT/u],
    ['100.100.100.200', /carrier-grade NAT/u],
    ['169.254.169.254', /metadata/u],
    ['169.254.1.1', /link-local/u],
    ['192.0.0.192', /IETF/u],
    ['198.18.0.1', /benchmarking/u],
    ['224.0.0.251', /multicast/u],
    ['255.255.255.255', /broadcast/u],
    ['::1', /loopback/u],
    ['::', /unspecified/u],
    ['::ffff:127.0.0.1', /loopback.*inside the IPv6/u],
    ['::ffff:7f00:1', /loopback.*inside the IPv6/u],
    ['::ffff:169.254.169.254', /metadata.*inside the IPv6/u],
    ['::ffff:0:10.0.0.1', /private.*inside the IPv6/u],
    ['64:ff9b::192.168.0.1', /private.*inside the IPv6/u],
    ['2002:c0a8:101::1', /private.*inside the IPv6/u],
    ['fc00::1', /unique local/u],
    ['fd00:ec2::254', /unique local/u],
    ['fe80::1', /link-local/u],
    ['fe80::1%eth0', /link-local/u],
    ['febf::1', /link-local/u],
    ['ff02::1', /multicast/u],
    ['2001:db8::1', /documentation/u],
    ['::2:3:4', /reserved|inside/u],
    ['[::1]', /loopback/u],
  ])('refuses %s', (address, why) => {
    expect(refusedAddress(address)).toMatch(why);
  });

  it.each(['8.8.8.8', '1.1.1.1', '93.184.215.14', '172.32.0.1', '100.128.0.1', '169.253.1.1', '::ffff:8.8.8.8', '2606:4700:4700::1111', '2001:4860:4860::8888', '64:ff9b::808:808', '2002:808:808::1'])(
    'lets %s through',
    (address) => {
      expect(refusedAddress(address)).toBeUndefined();
    },
  );

  it('knows local names without DNS', () => {
    for (const host of ['localhost', 'LOCALHOST.', 'api.localhost', 'localhost.localdomain', 'ip6-localhost', 'printer.local', 'nas.home.arpa', 'metadata.google.internal', '[::1]']) {
      expect(localHost(host), host).toBeDefined();
    }
    for (const host of ['example.org', 'localhost.example.org', 'local.example.org']) expect(localHost(host), host).toBeUndefined();
  });

  it('reads link targets the way a browser would', () => {
    for (const url of ['//127.0.0.1/x.png', 'http://127.1/', 'http://0x7f000001/', 'http://2130706433/', 'http://[::ffff:127.0.0.1]/', 'https://LOCALHOST:8443/x', 'http://169.254.169.254/latest/']) {
      expect(localTarget(url), url).toBeDefined();
    }
    for (const url of ['https://example.org/', '/relative/path', '#section', 'mailto:someone@example.org', 'notes.html']) expect(localTarget(url), url).toBeUndefined();
  });
});

describe('the output folder of a web address', () => {
  it('is named from its last path segment', () => {
    expect(outputName('https://example.org/2024/some-post')).toBe('some-post');
    expect(outputName('https://example.org/2024/some-post/')).toBe('some-post');
    expect(outputName('https://example.org/2024/some-post.html?utm=x#top')).toBe('some-post');
    expect(outputName('https://example.org/')).toBe('example.org');
    expect(outputName('https://example.org/%2E%2E')).not.toMatch(/^\.|\//u);
    expect(outputName('https://example.org/caf%C3%A9')).toBe('café');
  });
});
