// Drives stanza.js in headless Chromium against a Meerkat WebSocket (ws://, wss://) or BOSH
// (http://, https://) endpoint and prints one JSON line: {"ok":true,"result":{...}} or
// {"ok":false,"error":"..."}; the exit status says the same.
//
//   node run.mjs <url> two-users <jidA> <passwordA> <jidB> <passwordB>
//   node run.mjs <url> chat-with <jid> <password> <peer-full-jid>
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'];

async function bundle() {
    const out = await build({
        entryPoints: [join(here, 'page', 'entry.js')],
        bundle: true,
        platform: 'browser',
        format: 'iife',
        write: false,
        logLevel: 'warning',
        define: { global: 'globalThis' }
    });
    return out.outputFiles[0].text;
}

async function main() {
    const [url, scenario, ...args] = process.argv.slice(2);
    if (!url || !scenario) throw new Error('usage: node run.mjs <ws-or-bosh-url> <two-users|chat-with> args...');
    const [stanza, scenarios, html] = await Promise.all([
        bundle(),
        readFile(join(here, 'page', 'scenarios.js'), 'utf8'),
        readFile(join(here, 'page', 'index.html'), 'utf8')
    ]);
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });
    try {
        const page = await browser.newPage();
        const console_ = [];
        page.on('console', m => console_.push(m.type() + ': ' + m.text()));
        page.on('pageerror', e => console_.push('page error: ' + e.message));
        await page.setContent(html);
        await page.addScriptTag({ content: stanza });
        await page.addScriptTag({ content: scenarios });
        try {
            return await page.evaluate(([name, a]) => window.meerkatScenarios[name](...a), [scenario, [url, ...args]]);
        } catch (e) {
            throw new Error(e.message + (console_.length ? ' | browser console: ' + console_.join(' / ') : ''));
        }
    } finally {
        await browser.close();
    }
}

main().then(
    result => { console.log(JSON.stringify({ ok: true, result })); },
    error => { console.log(JSON.stringify({ ok: false, error: String(error && error.message || error) })); process.exitCode = 1; }
);
