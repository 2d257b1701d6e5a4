// apigw-emulator's Node.js runtime: loads the function's handler the way the
// Lambda Node.js runtime does (CommonJS, ES modules, async and callback
// handlers), then serves invocations from the Lambda Runtime API on one
// keep-alive connection until the emulator stops the process.
'use strict';
// CommonJS, not an ES module: Node starts measurably faster without the ESM
// loader, and import() still loads ES-module handlers.
const net = require('node:net');
const fs = require('node:fs');
const path = require('node:path');
const util = require('node:util');
const { createRequire } = require('node:module');
const { pathToFileURL } = require('node:url');

const API = process.env.AWS_LAMBDA_RUNTIME_API || '127.0.0.1:9001';
const [API_HOST, API_PORT] = [API.slice(0, API.lastIndexOf(':')), Number(API.slice(API.lastIndexOf(':') + 1))];
const PREFIX = '/2018-06-01/runtime';
const TASK_ROOT = process.env.LAMBDA_TASK_ROOT || process.cwd();
const HANDLER = process.env._HANDLER || '';
const BOOTSTRAP = __filename;

// ---- Runtime API client ---------------------------------------------------
// A few lines of HTTP/1.1 on one socket with TCP_NODELAY instead of the http
// module: its client costs a few milliseconds per request (Nagle on split
// writes, agent bookkeeping), more than the rest of an invocation.
// Requests are pipelined: an invocation's result and the /next that follows
// it leave in one write (requests of one tick are corked together), and the
// answers come back in order, so a warm invocation costs the function and
// the emulator one wake-up each instead of two.
// The socket is unref'd while no answer is awaited so that an idle
// connection never keeps the event loop alive (callbackWaitsForEmptyEventLoop
// relies on it).

class RuntimeClient {
  constructor(host, port) {
    this.host = host;
    this.port = port;
    this.sock = null;
    this.buf = Buffer.alloc(0);
    this.pending = []; // {resolve, reject}, in the order the requests were written
    this.corked = false;
    this.readBuffer = Buffer.allocUnsafe(65536);
    this.parts = null; // the pieces of an answer longer than what has come, joined once it is all in
    this.partsLength = 0;
    this.need = 0;
  }

  connect() {
    // Reads land in one buffer of the client's (no allocation per read); what
    // is kept past a read (a body, a partial answer) is copied out of it.
    const sock = net.connect({
      host: this.host,
      port: this.port,
      onread: {
        buffer: this.readBuffer,
        callback: (n, buf) => {
          if (this.sock !== sock) return;
          const chunk = buf.subarray(0, n);
          if (this.parts) {
            this.parts.push(Buffer.from(chunk));
            this.partsLength += n;
            if (this.partsLength < this.need) return;
            this.buf = Buffer.concat(this.parts, this.partsLength);
            this.parts = null;
            this.parse(true);
          } else if (this.buf.length) {
            this.buf = Buffer.concat([this.buf, chunk]);
            this.parse(true);
          } else {
            this.buf = chunk;
            this.parse(false);
          }
        },
      },
    });
    sock.setNoDelay(true);
    const fail = (err) => {
      if (this.sock !== sock) return;
      this.sock = null;
      const pending = this.pending;
      this.pending = [];
      this.parts = null;
      for (const p of pending) p.reject(err || new Error('Runtime API connection closed'));
    };
    sock.on('error', fail);
    sock.on('close', () => fail());
    this.sock = sock;
    this.buf = Buffer.alloc(0);
    this.parts = null;
  }

  // `owned`: this.buf is a buffer of our own, not the read buffer.
  parse(owned) {
    while (this.pending.length) {
      const end = this.buf.indexOf('\r\n\r\n');
      if (end < 0) break;
      const lines = this.buf.toString('latin1', 0, end).split('\r\n');
      const headers = {};
      for (let i = 1; i < lines.length; i++) {
        const colon = lines[i].indexOf(':');
        if (colon > 0) headers[lines[i].slice(0, colon).trim().toLowerCase()] = lines[i].slice(colon + 1).trim();
      }
      const length = Number(headers['content-length'] || 0);
      if (this.buf.length < end + 4 + length) {
        // A long answer (a large event): its pieces are gathered, then joined once.
        this.parts = [owned ? this.buf : Buffer.from(this.buf)];
        this.partsLength = this.buf.length;
        this.need = end + 4 + length;
        this.buf = Buffer.alloc(0);
        return;
      }
      let body = this.buf.subarray(end + 4, end + 4 + length);
      if (!owned) body = Buffer.from(body);
      this.buf = this.buf.subarray(end + 4 + length);
      const status = Number(lines[0].split(' ')[1]);
      const p = this.pending.shift();
      if (!this.pending.length) this.sock.unref();
      p.resolve({ status, headers, body });
    }
    if (!owned && this.buf.length) this.buf = Buffer.from(this.buf);
  }

  // `body`: a string (sent as UTF-8) or undefined.
  request(method, urlPath, body, headers) {
    return new Promise((resolve, reject) => {
      if (!this.sock || this.sock.destroyed) this.connect();
      this.pending.push({ resolve, reject });
      const text = body === undefined ? '' : body;
      let head = `${method} ${PREFIX}${urlPath} HTTP/1.1\r\nHost: ${this.host}:${this.port}\r\nContent-Length: ${Buffer.byteLength(text)}\r\n`;
      if (headers) for (const k in headers) head += `${k}: ${headers[k]}\r\n`;
      const sock = this.sock;
      sock.ref();
      if (!this.corked) {
        this.corked = true;
        sock.cork();
        process.nextTick(() => {
          this.corked = false;
          sock.uncork();
        });
      }
      sock.write(head + '\r\n' + text, 'utf8');
    });
  }
}

const client = new RuntimeClient(API_HOST, API_PORT);

async function call(method, urlPath, body, headers) {
  try {
    return await client.request(method, urlPath, body, headers);
  } catch (e) {
    // A dropped keep-alive connection: once more on a new one.
    return client.request(method, urlPath, body, headers);
  }
}

function postJson(urlPath, text, errorType) {
  const headers = { 'Content-Type': 'application/json' };
  if (errorType) headers['Lambda-Runtime-Function-Error-Type'] = errorType;
  return call('POST', urlPath, text, headers);
}

// Posts an invocation's result (or error) and asks for the next invocation
// in the same write; returns the answer to /next. A failed post shows as a
// failed /next (the connection is gone) or, when the post alone failed, is
// what RAPID does with a lost response: nothing more.
function postAndNext(urlPath, text, errorType) {
  postJson(urlPath, text, errorType).catch(() => {});
  return call('GET', '/invocation/next');
}

// ---- Logging, as the Lambda runtime formats console output -----------------

let currentRequestId; // "undefined" in the log until the first invocation, as on AWS

function patchConsole() {
  const write = (level) => (...args) => {
    const line = `${new Date().toISOString()}\t${currentRequestId}\t${level}\t${util.format(...args)}\n`;
    process.stdout.write(line);
  };
  console.log = write('INFO');
  console.info = write('INFO');
  console.warn = write('WARN');
  console.error = write('ERROR');
  console.debug = write('DEBUG');
  console.trace = (...args) => {
    const err = { name: 'Trace', message: util.format(...args) };
    Error.captureStackTrace(err, console.trace);
    write('TRACE')(err.stack);
  };
  console.fatal = write('FATAL');
}

// ---- Errors ---------------------------------------------------------------

function isErrorLike(e) {
  return e instanceof Error || (e !== null && typeof e === 'object' && typeof e.message === 'string' && typeof e.name === 'string');
}

function toRapidError(e, forcedType) {
  if (isErrorLike(e)) {
    return {
      errorType: forcedType || e.name,
      errorMessage: e.message,
      trace: typeof e.stack === 'string' ? e.stack.split('\n') : [],
    };
  }
  return { errorType: forcedType || typeof e, errorMessage: String(e), trace: [] };
}

// An error as the runtime logs it ("Invoke Error \t{...}"): its name, message,
// code and own properties, and its stack as lines under "stack"; any other
// value as JSON.
function toFormatted(e) {
  const withProperties = (v) => {
    if (!(v instanceof Error)) return v;
    const out = { errorType: v.name, errorMessage: v.message, code: v.code, ...v };
    if (typeof v.stack === 'string') out.stack = v.stack.split('\n');
    return out;
  };
  try {
    return '\t' + JSON.stringify(e, (_k, v) => withProperties(v));
  } catch {
    return '\t' + JSON.stringify(toRapidError(e));
  }
}

class RuntimeError extends Error {
  constructor(type, message, cause) {
    super(message);
    // Not enumerable, as a name on the error's prototype is (it stays out of the logged properties).
    Object.defineProperty(this, 'name', { value: type, writable: true, configurable: true, enumerable: false });
    // The cause's frames only: its message (and a require stack under it) is already in ours.
    if (cause && typeof cause.stack === 'string') {
      const frames = cause.stack.split('\n').filter((line) => /^\s+at /.test(line));
      this.stack = [`${type}: ${message}`, ...frames].join('\n');
    }
  }
}

// ---- Loading the handler ---------------------------------------------------

function splitHandler(handler) {
  const base = path.basename(handler);
  const dot = base.indexOf('.');
  if (!handler || dot <= 0 || dot === base.length - 1) throw new RuntimeError('Runtime.MalformedHandlerName', 'Bad handler');
  return {
    moduleRoot: path.dirname(handler),
    moduleName: base.slice(0, dot),
    handlerPath: base.slice(dot + 1),
  };
}

// The nearest package.json's "type", within the task root.
function packageType(file) {
  let dir = path.dirname(file);
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg)) {
      try {
        return JSON.parse(fs.readFileSync(pkg, 'utf8')).type || 'commonjs';
      } catch {
        return 'commonjs';
      }
    }
    if (dir === TASK_ROOT || dir === path.dirname(dir) || !dir.startsWith(TASK_ROOT)) return 'commonjs';
    dir = path.dirname(dir);
  }
}

async function loadModule(moduleRoot, moduleName) {
  const base = path.resolve(TASK_ROOT, moduleRoot, moduleName);
  // Files are required from this bootstrap, so that a require stack ends
  // with the runtime as AWS's does ("- /var/task/index.js\n- /var/runtime/index.mjs").
  const resolveFrom = createRequire(path.join(TASK_ROOT, moduleRoot, 'index.js'));
  try {
    if (fs.existsSync(base + '.js')) {
      if (packageType(base + '.js') === 'module') return await import(pathToFileURL(base + '.js').href);
      try {
        return require(base + '.js');
      } catch (e) {
        if (e && e.code === 'ERR_REQUIRE_ESM') return await import(pathToFileURL(base + '.js').href);
        throw e;
      }
    }
    if (fs.existsSync(base + '.mjs')) return await import(pathToFileURL(base + '.mjs').href);
    if (fs.existsSync(base + '.cjs')) return require(base + '.cjs');
    // A package or a module on the resolution path, as require() would find it.
    let resolved;
    try {
      resolved = resolveFrom.resolve(moduleName, { paths: [path.join(TASK_ROOT, moduleRoot), TASK_ROOT] });
    } catch {
      throw new RuntimeError('Runtime.ImportModuleError', `Error: Cannot find module '${moduleName}'\nRequire stack:\n- ${BOOTSTRAP}`);
    }
    return resolved.endsWith('.mjs') ? await import(pathToFileURL(resolved).href) : require(resolved);
  } catch (e) {
    if (e instanceof RuntimeError) throw e;
    if (e instanceof SyntaxError) throw new RuntimeError('Runtime.UserCodeSyntaxError', `${e.name}: ${e.message}`, e);
    if (e && (e.code === 'MODULE_NOT_FOUND' || e.code === 'ERR_MODULE_NOT_FOUND'))
      throw new RuntimeError('Runtime.ImportModuleError', `Error: ${e.message}`, e);
    throw e;
  }
}

async function loadHandler() {
  const { moduleRoot, moduleName, handlerPath } = splitHandler(HANDLER);
  const mod = await loadModule(moduleRoot, moduleName);
  let fn = mod;
  for (const key of handlerPath.split('.')) {
    fn = fn == null ? undefined : fn[key];
    // An ES module's CommonJS default export holds the names.
    if (fn === undefined && mod && mod.default && key === handlerPath.split('.')[0]) fn = mod.default[key];
  }
  // Named by the whole handler setting, folders included, as AWS's runtime names it.
  if (!fn) throw new RuntimeError('Runtime.HandlerNotFound', `${HANDLER} is undefined or not exported`);
  if (typeof fn !== 'function') throw new RuntimeError('Runtime.HandlerNotFound', `${HANDLER} is not a function`);
  return fn;
}

// ---- Invoking --------------------------------------------------------------

function makeContext(headers, deadline) {
  const context = {
    callbackWaitsForEmptyEventLoop: true,
    functionVersion: process.env.AWS_LAMBDA_FUNCTION_VERSION,
    functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
    memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    logGroupName: process.env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: process.env.AWS_LAMBDA_LOG_STREAM_NAME,
    invokedFunctionArn: headers['lambda-runtime-invoked-function-arn'],
    awsRequestId: headers['lambda-runtime-aws-request-id'],
    getRemainingTimeInMillis: () => Math.max(deadline - Date.now(), 0),
  };
  if (headers['lambda-runtime-client-context']) {
    try { context.clientContext = JSON.parse(headers['lambda-runtime-client-context']); } catch { /* not JSON: left out */ }
  }
  if (headers['lambda-runtime-cognito-identity']) {
    try { context.identity = JSON.parse(headers['lambda-runtime-cognito-identity']); } catch { /* left out */ }
  }
  return context;
}

// What an empty event loop means for the invocation running (one listener
// for the process's life, as the Lambda Node.js runtime has).
let onEmptyLoop = null;
process.on('beforeExit', () => {
  if (onEmptyLoop) onEmptyLoop();
});

// Runs the handler: a returned promise settles the invocation; otherwise the
// callback does (after the event loop empties unless the context says not to
// wait), or an empty event loop without a callback answers null.
function runHandler(fn, event, context) {
  return new Promise((resolve) => {
    let settled = false;
    let pending = null;
    const settle = (err, value) => {
      if (settled) return;
      settled = true;
      if (onEmptyLoop === onEmpty) onEmptyLoop = null;
      resolve({ err, value });
    };
    const onEmpty = () => {
      if (pending) settle(pending.err, pending.value);
      else settle(null, undefined);
    };
    const callback = (err, value) => {
      if (pending || settled) return;
      pending = { err: err === undefined ? null : err, value };
      if (!context.callbackWaitsForEmptyEventLoop) settle(pending.err, pending.value);
    };
    context.done = callback;
    context.succeed = (value) => callback(null, value);
    context.fail = (err) => callback(err === undefined || err === null ? 'handled' : err);
    onEmptyLoop = onEmpty;
    try {
      const result = fn(event, context, callback);
      if (result && typeof result.then === 'function') {
        result.then((value) => settle(null, value), (err) => settle(err === undefined ? new Error('undefined') : err));
      }
    } catch (err) {
      settle(err);
    }
  });
}

let inFlight = null; // the request id being served, for uncaught errors

async function serve(fn) {
  let next = call('GET', '/invocation/next');
  for (;;) {
    const answer = await next;
    if (answer.status !== 200) throw new Error(`Runtime API /next answered ${answer.status}`);
    const headers = answer.headers;
    const id = headers['lambda-runtime-aws-request-id'];
    currentRequestId = id;
    inFlight = id;
    if (headers['lambda-runtime-trace-id']) process.env._X_AMZN_TRACE_ID = headers['lambda-runtime-trace-id'];
    else delete process.env._X_AMZN_TRACE_ID;
    const deadline = Number(headers['lambda-runtime-deadline-ms']) || Date.now() + 3000;
    let event;
    try {
      event = answer.body.length ? JSON.parse(answer.body.toString('utf8')) : {};
    } catch (e) {
      const err = toRapidError(e, 'Runtime.UnmarshalError');
      next = postAndNext(`/invocation/${id}/error`, JSON.stringify(err), err.errorType);
      continue;
    }
    const { err, value } = await runHandler(fn, event, makeContext(headers, deadline));
    inFlight = null;
    if (err !== null && err !== undefined) {
      const doc = toRapidError(err);
      console.error('Invoke Error', toFormatted(err));
      next = postAndNext(`/invocation/${id}/error`, JSON.stringify(doc), doc.errorType);
      continue;
    }
    let text;
    try {
      text = value === undefined ? 'null' : JSON.stringify(value);
      if (text === undefined) text = 'null';
    } catch {
      // AWS's runtime replaces the serialization error with one of its own,
      // which then fails the invocation like an error of the handler.
      const err = new Error('Unable to stringify response body');
      const doc = toRapidError(err);
      console.error('Invoke Error', toFormatted(err));
      next = postAndNext(`/invocation/${id}/error`, JSON.stringify(doc), doc.errorType);
      continue;
    }
    next = postAndNext(`/invocation/${id}/response`, text);
  }
}

// An error nobody caught ends the invocation and the process, as on AWS.
async function fatal(kind, e) {
  const doc = toRapidError(e);
  console.error(kind, toFormatted(e));
  try {
    if (inFlight) await postJson(`/invocation/${inFlight}/error`, JSON.stringify(doc), doc.errorType);
  } finally {
    process.exit(129);
  }
}

async function main() {
  patchConsole();
  process.on('uncaughtException', (e) => fatal('Uncaught Exception', e));
  // Whatever the reason, AWS's runtime reports it as a
  // Runtime.UnhandledPromiseRejection whose message is the reason's
  // toString() ("Error: boom" for an Error).
  process.on('unhandledRejection', (reason) => {
    let text;
    try {
      text = reason === undefined || reason === null ? undefined : reason.toString();
    } catch {
      text = undefined;
    }
    const e = new RuntimeError('Runtime.UnhandledPromiseRejection', text);
    e.reason = text;
    e.promise = {};
    fatal('Unhandled Promise Rejection', e);
  });
  let fn;
  try {
    fn = await loadHandler();
  } catch (e) {
    const doc = toRapidError(e);
    console.error('Init Error', toFormatted(e));
    try {
      await postJson('/init/error', JSON.stringify(doc), doc.errorType);
    } finally {
      process.exit(129);
    }
  }
  await serve(fn);
}

main().catch((e) => {
  process.stderr.write(`apigw-emulator runtime: ${e && e.stack ? e.stack : e}\n`);
  process.exit(1);
});
