import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  ELECTRON_DEFAULT_WIRE,
  expectedFuseWire,
  readFuseWire,
  requiredPackages,
  standInExecutable,
} from './package-layout';

describe('fuse wire', () => {
  it('the stand-in carries Electron’s default wire and says what it is', () => {
    const exe = standInExecutable();
    expect(readFuseWire(exe)).toBe(ELECTRON_DEFAULT_WIRE);
    expect(exe.toString('latin1')).toContain('echo "stand-in, not Electron"');
  });

  it('expects exactly the configured fuses, Electron defaults elsewhere', () => {
    const config = parse(readFileSync('electron-builder.yml', 'utf8')) as {
      electronFuses: Record<string, boolean>;
    };
    expect(expectedFuseWire(config.electronFuses)).toBe('01001100');
    expect(expectedFuseWire({})).toBe(ELECTRON_DEFAULT_WIRE);
    expect(expectedFuseWire({ runAsNode: true, grantFileProtocolExtraPrivileges: false })).toBe('10110000');
  });

  it('finds no wire in a file without one', () => {
    expect(readFuseWire(Buffer.from('#!/bin/sh\n'))).toBeNull();
  });
});

describe('requiredPackages', () => {
  it('lists bare packages, not built-ins, electron or relative paths', () => {
    const bundle = `require("electron"); require("node:fs"); require("fs"); require("./x"); require("../y");
      require("yaml"); require('zod'); require("electron-log/main"); require("@img/sharp-linux-x64/lib"); require( "sharp" );`;
    expect(requiredPackages(bundle)).toEqual([
      '@img/sharp-linux-x64',
      'electron-log',
      'sharp',
      'yaml',
      'zod',
    ]);
  });
});

describe('electron-builder.yml', () => {
  const schema = JSON.parse(readFileSync('node_modules/app-builder-lib/scheme.json', 'utf8')) as object;
  const config = parse(readFileSync('electron-builder.yml', 'utf8')) as Record<string, unknown>;
  const validate = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true }).compile(schema);

  it('is valid against electron-builder’s schema, and the schema does refuse mistakes', () => {
    expect(validate(config)).toBe(true);
    expect(validate({ ...config, electronFuse: { runAsNode: false } })).toBe(false);
    expect(validate({ ...config, electronFuses: { runAsNode: 'no' } })).toBe(false);
  });

  it('sets every fuse the brief asks for, and the ids and resources', () => {
    expect(config).toMatchObject({
      appId: 'org.memorialkiosk.app',
      productName: 'Memorial Kiosk',
      files: ['out/**', '!out/**/*.map', 'package.json'],
      asarUnpack: ['node_modules/sharp/**', 'node_modules/@img/**'],
      extraResources: [
        { from: 'media', to: 'media' },
        { from: 'kiosk-config', to: 'kiosk-config' },
      ],
      electronFuses: {
        runAsNode: false,
        enableNodeOptionsEnvironmentVariable: false,
        enableNodeCliInspectArguments: false,
        onlyLoadAppFromAsar: true,
        enableCookieEncryption: true,
        enableEmbeddedAsarIntegrityValidation: true,
        grantFileProtocolExtraPrivileges: false,
        loadBrowserProcessSpecificV8Snapshot: false,
      },
      linux: { target: ['AppImage', 'deb'] },
      win: { target: ['nsis'] },
    });
  });
});
