// Runs inside the page (after the stanza bundle). Each scenario resolves to a JSON-friendly result.
(() => {
    const TIMEOUT = 20000;

    function within(ms, what, promise) {
        return Promise.race([
            promise,
            new Promise((_, reject) => setTimeout(() => reject(new Error('timed out waiting for ' + what)), ms))
        ]);
    }

    function once(client, event, accept = () => true) {
        return new Promise(resolve => {
            const handler = data => {
                if (!accept(data)) return;
                client.off(event, handler);
                resolve(data);
            };
            client.on(event, handler);
        });
    }

    async function login(url, jid, password, resource) {
        // http(s):// is a BOSH endpoint (XEP-0124/0206), ws(s):// a WebSocket one (RFC 7395).
        const transports = /^https?:/.test(url) ? { websocket: false, bosh: url } : { websocket: url, bosh: false };
        const client = window.XMPP.createClient({ jid, password, resource, transports });
        const log = [];
        client.on('stream:error', e => log.push('stream error: ' + JSON.stringify(e)));
        client.on('auth:failed', () => log.push('auth failed'));
        const started = once(client, 'session:started');
        client.connect();
        try {
            await within(TIMEOUT, jid + ' to log in', started);
        } catch (e) {
            throw new Error(e.message + ' ' + log.join('; '));
        }
        return client;
    }

    /** The roster, or the error condition if the server has no roster module. */
    async function roster(client) {
        try {
            const r = await within(TIMEOUT, 'the roster', client.getRoster());
            return { supported: true, items: (r.items || []).map(i => i.jid) };
        } catch (e) {
            const condition = e && e.error ? e.error.condition : String(e && e.message || e);
            return { supported: false, error: condition };
        }
    }

    async function twoUsers(url, jidA, passwordA, jidB, passwordB) {
        const a = await login(url, jidA, passwordA, 'tab-a');
        const b = await login(url, jidB, passwordB, 'tab-b');
        const result = { a: { jid: a.jid }, b: { jid: b.jid } };
        result.a.roster = await roster(a);
        result.b.roster = await roster(b);

        // Directed presence: no subscription exists between the two accounts.
        const bSeesA = once(b, 'available', p => p.from === a.jid);
        const aSeesB = once(a, 'available', p => p.from === b.jid);
        a.sendPresence();
        b.sendPresence();
        a.sendPresence({ to: b.jid, status: 'hello from A' });
        b.sendPresence({ to: a.jid, status: 'hello from B' });
        const pa = await within(TIMEOUT, 'presence from A', bSeesA);
        const pb = await within(TIMEOUT, 'presence from B', aSeesB);
        result.b.presenceFrom = pa.from;
        result.b.presenceStatus = pa.status;
        result.a.presenceFrom = pb.from;
        result.a.presenceStatus = pb.status;

        const bGetsMessage = once(b, 'chat', m => m.from === a.jid);
        a.sendMessage({ to: b.jid, type: 'chat', body: 'Hi B, this is A ☃' });
        const m1 = await within(TIMEOUT, 'the message from A', bGetsMessage);
        result.b.message = { from: m1.from, body: m1.body };

        const aGetsMessage = once(a, 'chat', m => m.from === b.jid);
        b.sendMessage({ to: a.jid, type: 'chat', body: 'Hi A <&> from B' });
        const m2 = await within(TIMEOUT, 'the message from B', aGetsMessage);
        result.a.message = { from: m2.from, body: m2.body };

        await Promise.all([a.disconnect(), b.disconnect()]);
        return result;
    }

    /** A browser user and someone elsewhere (a Smack user over TCP) who answers every message. */
    async function chatWith(url, jid, password, peer) {
        const c = await login(url, jid, password, 'browser');
        const result = { jid: c.jid };
        c.sendPresence();
        const reply = once(c, 'chat', m => m.from === peer);
        c.sendMessage({ to: peer, type: 'chat', body: 'hello from the browser' });
        const m = await within(TIMEOUT, 'the reply from ' + peer, reply);
        result.reply = { from: m.from, body: m.body };
        await c.disconnect();
        return result;
    }

    window.meerkatScenarios = { 'two-users': twoUsers, 'chat-with': chatWith };
})();
