/**
 * The smoke test's check program: one self-contained CommonJS file that runs under plain `node`
 * (no package, no kubectl) in the Job, shipped in a ConfigMap.
 *
 * Why JavaScript and not shell: the checks read JSON from the API (podCIDRs, podIPs, clusterIPs,
 * EndpointSlices) and decide per family; in POSIX sh that needs jq (not in a pinned curl image)
 * and the decision logic could not be unit-tested here. Node has https (API with the
 * ServiceAccount CA), dns.resolve4/resolve6 (A and AAAA answers) and http with an explicit family
 * built in, and the same text is required by the jest tests and fed recorded API responses.
 *
 * Why a template string in a .ts module: `npm run build` (tsc) emits only .ts → .js, so a
 * separate .js file next to this one would be missing from the published package; a function's
 * `toString()` would depend on how ts-jest and tsc each transpile it. The text below is what runs,
 * byte for byte, in the cluster and in the tests.
 *
 * Constraints on the text (it sits in String.raw): no backtick and no dollar-brace in it;
 * backslashes are kept as written. ES2020, Node ≥ 18, built-in modules only.
 */
export const SMOKE_TEST_SCRIPT: string = String.raw`'use strict';
// k8s-dualstack smoke test. Generated from lib/verify/check-script.ts; do not edit the copy in the cluster.
// Checks what "Validate IPv4/IPv6 dual-stack" (kubernetes.io/docs/tasks/network/validate-dual-stack/)
// checks, plus what the field report did by hand: node podCIDRs and addresses, pod podIPs,
// Service clusterIPs, EndpointSlices, DNS A/AAAA, HTTP over each family, optionally NodePorts.
// One line per check: "PASS <check>: <detail>" or "FAIL <check>: <detail>"; exit 1 on any FAIL.

var FAMILIES = ['IPv4', 'IPv6'];

// ---------------------------------------------------------------- pure helpers

/** 'IPv4' | 'IPv6' | undefined for an address or a CIDR. */
function familyOf(text) {
  if (typeof text !== 'string' || text.length === 0) return undefined;
  var slash = text.indexOf('/');
  var addr = slash < 0 ? text : text.slice(0, slash);
  if (slash >= 0 && !/^[0-9]{1,3}$/.test(text.slice(slash + 1))) return undefined;
  var net = require('net');
  if (net.isIPv4(addr)) return 'IPv4';
  if (net.isIPv6(addr)) return 'IPv6';
  return undefined;
}

/** RFC 3986: an IPv6 literal in a URL is bracketed, an IPv4 one is not. */
function httpUrl(address, port) {
  var host = familyOf(address) === 'IPv6' ? '[' + address + ']' : address;
  return 'http://' + host + ':' + port + '/';
}

function result(ok, check, detail) {
  return { ok: !!ok, check: check, detail: detail };
}

function formatResult(r) {
  return (r.ok ? 'PASS ' : 'FAIL ') + r.check + ': ' + r.detail;
}

function list(values) {
  return values.length ? values.join(', ') : '(none)';
}

function split(text) {
  return String(text || '').split(',').map(function (s) { return s.trim(); }).filter(function (s) { return s.length > 0; });
}

/** Parse the Job's environment. Throws an Error naming the variable on bad input. */
function parseConfig(env) {
  var families = split(env.EXPECT_FAMILIES);
  if (families.length === 0 || families.length > 2) throw new Error('EXPECT_FAMILIES=' + JSON.stringify(env.EXPECT_FAMILIES || '') + ': give IPv4, IPv6 or both, primary first');
  families.forEach(function (f) {
    if (FAMILIES.indexOf(f) < 0) throw new Error('EXPECT_FAMILIES: ' + JSON.stringify(f) + ' is not IPv4 or IPv6');
  });
  if (families.length === 2 && families[0] === families[1]) throw new Error('EXPECT_FAMILIES: ' + JSON.stringify(env.EXPECT_FAMILIES) + ' names one family twice');
  var services = split(env.TARGET_SERVICES);
  if (services.length === 0) throw new Error('TARGET_SERVICES is empty: name the Service(s) to probe');
  var port = Number(env.TARGET_PORT);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error('TARGET_PORT=' + JSON.stringify(env.TARGET_PORT) + ' is not a port number');
  var nodeAddresses = split(env.NODE_ADDRESSES);
  nodeAddresses.forEach(function (a) {
    if (!familyOf(a)) throw new Error('NODE_ADDRESSES: ' + JSON.stringify(a) + ' is not an IP address');
  });
  function seconds(name, dflt) {
    if (env[name] === undefined || env[name] === '') return dflt;
    var n = Number(env[name]);
    if (!Number.isFinite(n) || n < 0) throw new Error(name + '=' + JSON.stringify(env[name]) + ' is not a number of seconds');
    return n;
  }
  return {
    families: families,
    namespace: env.TARGET_NAMESPACE || 'default',
    services: services,
    port: port,
    clusterDomain: env.CLUSTER_DOMAIN || 'cluster.local',
    endpointSliceApi: env.ENDPOINTSLICE_API === undefined ? 'discovery.k8s.io/v1' : env.ENDPOINTSLICE_API,
    checkNodePort: env.CHECK_NODE_PORT === 'true',
    nodeAddresses: nodeAddresses,
    waitSeconds: seconds('WAIT_SECONDS', 180),
    httpTimeoutSeconds: seconds('HTTP_TIMEOUT_SECONDS', 5),
    apiServer: env.API_SERVER || 'https://kubernetes.default.svc',
    podName: env.POD_NAME || '',
    podNamespace: env.POD_NAMESPACE || '',
  };
}

function itemsOf(listObject) {
  return listObject && Array.isArray(listObject.items) ? listObject.items : [];
}

function nameOf(obj) {
  return (obj && obj.metadata && obj.metadata.name) || '(unnamed)';
}

function byName(a, b) {
  return nameOf(a) < nameOf(b) ? -1 : nameOf(a) > nameOf(b) ? 1 : 0;
}

/** The families present in a list of addresses or CIDRs, in the expected order. */
function familiesIn(values, expected) {
  var have = values.map(familyOf);
  return expected.filter(function (f) { return have.indexOf(f) >= 0; });
}

function missing(values, expected) {
  var have = familiesIn(values, expected);
  return expected.filter(function (f) { return have.indexOf(f) < 0; });
}

// ---------------------------------------------------------------- API-level checks

/**
 * Every node has a podCIDR of each expected family (spec.podCIDRs, one per family, allocated by
 * kube-controller-manager from --cluster-cidr) and an address of each family (status.addresses,
 * from kubelet --node-ip).
 */
function checkNodes(nodeList, config) {
  var nodes = itemsOf(nodeList).slice().sort(byName);
  if (nodes.length === 0) return [result(false, 'nodes', 'the API listed no nodes')];
  var out = [];
  nodes.forEach(function (node) {
    var spec = node.spec || {};
    var cidrs = Array.isArray(spec.podCIDRs) && spec.podCIDRs.length ? spec.podCIDRs : spec.podCIDR ? [spec.podCIDR] : [];
    var lack = missing(cidrs, config.families);
    out.push(result(
      lack.length === 0,
      'node-pod-cidrs ' + nameOf(node),
      'spec.podCIDRs = ' + list(cidrs) + (lack.length === 0
        ? ' (' + config.families.join(', ') + ')'
        : ' has no ' + lack.join(' or ') + ' CIDR (kube-controller-manager gives each node one podCIDR per family of --cluster-cidr; check --cluster-cidr, --node-cidr-mask-size-ipv4/-ipv6 and --allocate-node-cidrs, or the CNI IPAM)')));
    var addresses = ((node.status && node.status.addresses) || [])
      .filter(function (a) { return a && (a.type === 'InternalIP' || a.type === 'ExternalIP'); })
      .map(function (a) { return a.address; });
    var lackAddr = missing(addresses, config.families);
    out.push(result(
      lackAddr.length === 0,
      'node-addresses ' + nameOf(node),
      'status.addresses = ' + list(addresses) + (lackAddr.length === 0
        ? ''
        : ' has no ' + lackAddr.join(' or ') + ' address (give kubelet --node-ip with one address per family, e.g. "192.168.101.53,2003:ac18::30a:2")')));
  });
  return out;
}

function isReady(pod) {
  var conditions = (pod.status && pod.status.conditions) || [];
  return pod.status && pod.status.phase === 'Running' && conditions.some(function (c) { return c.type === 'Ready' && c.status === 'True'; });
}

function podIPsOf(pod) {
  var status = pod.status || {};
  if (Array.isArray(status.podIPs) && status.podIPs.length) return status.podIPs.map(function (p) { return p.ip; });
  return status.podIP ? [status.podIP] : [];
}

/** Each ready pod behind the Service has a podIP of each expected family (status.podIPs). */
function checkPods(podList, config, label) {
  var pods = itemsOf(podList).slice().sort(byName);
  var ready = pods.filter(isReady);
  if (ready.length === 0) {
    return [result(false, 'pods ' + label, pods.length === 0 ? 'no pod matches the Service selector' : 'none of ' + pods.length + ' pod(s) is Running and Ready')];
  }
  return ready.map(function (pod) {
    var ips = podIPsOf(pod);
    var lack = missing(ips, config.families);
    return result(
      lack.length === 0,
      'pod-ips ' + config.namespace + '/' + nameOf(pod),
      'status.podIPs = ' + list(ips) + (lack.length === 0 ? '' : ' has no ' + lack.join(' or ') + ' address (the CNI must assign one address per family: Calico assign_ipv4/assign_ipv6, flannel EnableIPv6, host-local ranges)'));
  });
}

/** The checker pod's own podIPs: without an address of a family it cannot probe that family. */
function checkSelf(pod, config) {
  if (!pod) return [];
  var ips = podIPsOf(pod);
  var lack = missing(ips, config.families);
  return [result(lack.length === 0, 'checker-pod-ips ' + config.podNamespace + '/' + nameOf(pod),
    'status.podIPs = ' + list(ips) + (lack.length === 0 ? '' : ' has no ' + lack.join(' or ') + ' address, so probes over that family cannot work from here'))];
}

function clusterIPsOf(service) {
  var spec = (service && service.spec) || {};
  if (Array.isArray(spec.clusterIPs) && spec.clusterIPs.length) return spec.clusterIPs.filter(function (ip) { return ip !== 'None'; });
  return spec.clusterIP && spec.clusterIP !== 'None' ? [spec.clusterIP] : [];
}

/**
 * The target Service(s) hold a ClusterIP of each expected family: one dual-stack Service
 * (spec.clusterIPs, 1.20+) or, on the 1.16-1.19 alpha API, one Service per family (spec.ipFamily).
 * Returns the results and, per family, which Service and address carry it.
 */
function checkServices(services, config) {
  var carriers = {};
  var out = [];
  services.forEach(function (svc) {
    var ips = clusterIPsOf(svc);
    ips.forEach(function (ip) {
      var f = familyOf(ip);
      if (f && !carriers[f]) carriers[f] = { service: nameOf(svc), address: ip };
    });
  });
  var all = [];
  services.forEach(function (svc) { all = all.concat(clusterIPsOf(svc)); });
  var lack = missing(all, config.families);
  var label = config.namespace + '/' + services.map(nameOf).join(',');
  out.push(result(lack.length === 0, 'service-cluster-ips ' + label,
    'spec.clusterIPs = ' + list(all) + (lack.length === 0 ? '' : ' has no ' + lack.join(' or ') + ' ClusterIP (use ipFamilyPolicy PreferDualStack or RequireDualStack, and give kube-apiserver --service-cluster-ip-range one range per family)')));
  return { results: out, carriers: carriers };
}

/** A ready endpoint of each expected family (EndpointSlices have one addressType each). */
function checkEndpointSlices(sliceList, config, serviceName) {
  var slices = itemsOf(sliceList);
  var ready = {};
  slices.forEach(function (s) {
    (s.endpoints || []).forEach(function (e) {
      var ok = !e.conditions || e.conditions.ready !== false;
      if (ok && Array.isArray(e.addresses) && e.addresses.length) ready[s.addressType] = (ready[s.addressType] || []).concat(e.addresses);
    });
  });
  var lack = config.families.filter(function (f) { return !ready[f]; });
  var seen = config.families.filter(function (f) { return ready[f]; }).map(function (f) { return f + ' ' + ready[f].join(' '); });
  return [result(lack.length === 0, 'endpointslices ' + config.namespace + '/' + serviceName,
    'ready endpoints: ' + list(seen) + (lack.length === 0 ? '' : '; no ready ' + lack.join(' or ') + ' endpoint (the pods lack that family, or the EndpointSlice controller/kube-proxy sees none)'))];
}

/** True once the target is worth probing: ClusterIPs and ready endpoints for every family. */
function targetSettled(snapshot, config) {
  if (snapshot.errors.length) return false;
  var ips = [];
  snapshot.services.forEach(function (s) { ips = ips.concat(clusterIPsOf(s)); });
  if (missing(ips, config.families).length) return false;
  if (!snapshot.pods.some(isReady)) return false;
  if (config.endpointSliceApi && snapshot.slices) {
    return checkEndpointSlices(snapshot.slices, config, '').every(function (r) { return r.ok; });
  }
  return true;
}

/** Every check that reads only the API, in a fixed order. */
function evaluateSnapshot(snapshot, config) {
  var out = [];
  snapshot.errors.forEach(function (e) { out.push(result(false, 'api ' + e.path, e.message)); });
  if (snapshot.nodes) out = out.concat(checkNodes(snapshot.nodes, config));
  out = out.concat(checkSelf(snapshot.self, config));
  var label = config.namespace + '/' + config.services.join(',');
  var svc = checkServices(snapshot.services, config);
  if (snapshot.services.length) {
    out = out.concat(checkPods({ items: snapshot.pods }, config, label));
    out = out.concat(svc.results);
  }
  if (config.endpointSliceApi && snapshot.slices) {
    out = out.concat(checkEndpointSlices(snapshot.slices, config, config.services.join(',')));
  }
  return { results: out, carriers: svc.carriers };
}

/**
 * The network probes to run, in a fixed order: DNS A/AAAA for the Service name, HTTP to each
 * ClusterIP, and (optionally) HTTP to the NodePort on node addresses.
 */
function plannedProbes(snapshot, config, carriers) {
  var probes = [];
  config.families.forEach(function (f) {
    var c = carriers[f];
    if (!c) return;
    var fqdn = c.service + '.' + config.namespace + '.svc.' + config.clusterDomain;
    probes.push({ kind: 'dns', family: f, name: fqdn, expect: c.address, check: 'dns-' + (f === 'IPv4' ? 'A' : 'AAAA') + ' ' + fqdn });
  });
  config.families.forEach(function (f) {
    snapshot.services.forEach(function (svc) {
      clusterIPsOf(svc).filter(function (ip) { return familyOf(ip) === f; }).forEach(function (ip) {
        var url = httpUrl(ip, config.port);
        probes.push({ kind: 'http', family: f, url: url, check: 'http-' + f + ' ' + nameOf(svc) + ' ' + url });
      });
    });
  });
  if (config.checkNodePort) {
    var nodePort;
    snapshot.services.forEach(function (svc) {
      ((svc.spec && svc.spec.ports) || []).forEach(function (p) {
        if (nodePort === undefined && p.port === config.port && p.nodePort) nodePort = p.nodePort;
      });
    });
    if (!nodePort) {
      probes.push({ kind: 'missing', check: 'nodeport', detail: 'no port ' + config.port + ' of ' + config.services.join(',') + ' has a nodePort (make the Service type NodePort)' });
    } else {
      var addresses = config.nodeAddresses.slice();
      if (addresses.length === 0 && snapshot.nodes) {
        // No node declared in the plan: the first node's addresses, as the API reports them.
        var first = itemsOf(snapshot.nodes).slice().sort(byName)[0];
        ((first && first.status && first.status.addresses) || []).forEach(function (a) {
          if (a.type === 'InternalIP' && familyOf(a.address)) addresses.push(a.address);
        });
      }
      config.families.forEach(function (f) {
        var ofFamily = addresses.filter(function (a) { return familyOf(a) === f; });
        if (ofFamily.length === 0) probes.push({ kind: 'missing', check: 'nodeport-' + f, detail: 'no node address of this family to probe' });
        ofFamily.forEach(function (a) {
          var url = httpUrl(a, nodePort);
          probes.push({ kind: 'http', family: f, url: url, check: 'nodeport-' + f + ' ' + url });
        });
      });
    }
  }
  return probes;
}

/** Turn a probe's outcome ({ answers } for dns, { status } for http, or { error }) into a result. */
function evaluateProbe(probe, outcome) {
  if (probe.kind === 'missing') return result(false, probe.check, probe.detail);
  if (outcome && outcome.error) return result(false, probe.check, outcome.error);
  if (probe.kind === 'dns') {
    var answers = (outcome && outcome.answers) || [];
    var ok = answers.indexOf(probe.expect) >= 0;
    return result(ok, probe.check, 'answers ' + list(answers) + (ok ? '' : '; expected the ClusterIP ' + probe.expect));
  }
  var status = outcome && outcome.status;
  var good = typeof status === 'number' && status >= 200 && status < 400;
  return result(good, probe.check, 'HTTP ' + (status === undefined ? '(no status)' : status));
}

function summary(results) {
  var failed = results.filter(function (r) { return !r.ok; }).length;
  return { passed: results.length - failed, failed: failed, line: 'SUMMARY: ' + (results.length - failed) + ' passed, ' + failed + ' failed' };
}

// ---------------------------------------------------------------- orchestration (io injected)

function labelSelector(service) {
  var sel = (service && service.spec && service.spec.selector) || {};
  return Object.keys(sel).sort().map(function (k) { return k + '=' + sel[k]; }).join(',');
}

/** Read everything the checks need; API errors become entries of snapshot.errors. */
async function readSnapshot(io, config) {
  var snapshot = { nodes: undefined, self: undefined, services: [], pods: [], slices: undefined, errors: [] };
  async function get(path) {
    try {
      return await io.getJson(path);
    } catch (e) {
      snapshot.errors.push({ path: path, message: (e && e.message) || String(e) });
      return undefined;
    }
  }
  var ns = encodeURIComponent(config.namespace);
  snapshot.nodes = await get('/api/v1/nodes');
  if (config.podName && config.podNamespace) {
    snapshot.self = await get('/api/v1/namespaces/' + encodeURIComponent(config.podNamespace) + '/pods/' + encodeURIComponent(config.podName));
  }
  for (var i = 0; i < config.services.length; i++) {
    var svc = await get('/api/v1/namespaces/' + ns + '/services/' + encodeURIComponent(config.services[i]));
    if (!svc) continue;
    snapshot.services.push(svc);
    var selector = labelSelector(svc);
    if (selector) {
      var pods = await get('/api/v1/namespaces/' + ns + '/pods?labelSelector=' + encodeURIComponent(selector));
      itemsOf(pods).forEach(function (p) {
        if (!snapshot.pods.some(function (q) { return nameOf(q) === nameOf(p); })) snapshot.pods.push(p);
      });
    }
    if (config.endpointSliceApi) {
      var slices = await get('/apis/' + config.endpointSliceApi + '/namespaces/' + ns + '/endpointslices?labelSelector=' + encodeURIComponent('kubernetes.io/service-name=' + config.services[i]));
      if (slices) snapshot.slices = { items: itemsOf(snapshot.slices).concat(itemsOf(slices)) };
    }
  }
  return snapshot;
}

/**
 * Wait (up to waitSeconds) for the target to settle, then run every check once.
 * io: { getJson(path), resolve(family, name), httpGet(url, family), sleep(ms), now() }.
 */
async function run(config, io) {
  var deadline = io.now() + config.waitSeconds * 1000;
  var snapshot = await readSnapshot(io, config);
  while (!targetSettled(snapshot, config) && io.now() < deadline) {
    await io.sleep(5000);
    snapshot = await readSnapshot(io, config);
  }
  var evaluated = evaluateSnapshot(snapshot, config);
  var results = evaluated.results.slice();
  var probes = plannedProbes(snapshot, config, evaluated.carriers);
  for (var i = 0; i < probes.length; i++) {
    var p = probes[i];
    var outcome;
    try {
      if (p.kind === 'dns') outcome = { answers: await io.resolve(p.family, p.name) };
      else if (p.kind === 'http') outcome = { status: await io.httpGet(p.url, p.family) };
    } catch (e) {
      outcome = { error: (e && (e.code ? e.code + ' ' : '') + (e.message || '')) || String(e) };
    }
    results.push(evaluateProbe(p, outcome));
  }
  return results;
}

// ---------------------------------------------------------------- real io (Node built-ins)

var SA_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

function realIo(config) {
  var fs = require('fs');
  var https = require('https');
  var http = require('http');
  var dns = require('dns');
  return {
    now: function () { return Date.now(); },
    sleep: function (ms) { return new Promise(function (r) { setTimeout(r, ms); }); },
    getJson: function (path) {
      return new Promise(function (resolve, reject) {
        // The token is re-read each call: projected ServiceAccount tokens rotate.
        var token = fs.readFileSync(SA_DIR + '/token', 'utf8').trim();
        var req = https.get(config.apiServer + path, {
          ca: fs.readFileSync(SA_DIR + '/ca.crt'),
          headers: { Authorization: 'Bearer ' + token, Accept: 'application/json' },
          timeout: 10000,
        }, function (res) {
          var body = '';
          res.setEncoding('utf8');
          res.on('data', function (c) { body += c; });
          res.on('end', function () {
            if (res.statusCode !== 200) return reject(new Error('HTTP ' + res.statusCode + ' ' + body.slice(0, 200).replace(/\s+/g, ' ')));
            try { resolve(JSON.parse(body)); } catch (e) { reject(new Error('response is not JSON: ' + e.message)); }
          });
        });
        req.on('timeout', function () { req.destroy(new Error('timed out after 10 s')); });
        req.on('error', reject);
      });
    },
    resolve: function (family, name) {
      // resolve4/resolve6 ask the DNS server for A/AAAA records directly: no /etc/hosts, no search list.
      return family === 'IPv4' ? dns.promises.resolve4(name) : dns.promises.resolve6(name);
    },
    httpGet: function (url, family) { return httpGet(http, url, family, config.httpTimeoutSeconds * 1000); },
  };
}

/** GET a URL over one family; resolves to the status code. */
function httpGet(http, url, family, timeoutMs) {
  return new Promise(function (resolve, reject) {
    var req = http.get(url, { family: family === 'IPv6' ? 6 : 4, timeout: timeoutMs }, function (res) {
      res.resume();
      res.on('end', function () { resolve(res.statusCode); });
    });
    req.on('timeout', function () { req.destroy(new Error('no answer within ' + timeoutMs / 1000 + ' s')); });
    req.on('error', reject);
  });
}

async function main() {
  var config;
  try {
    config = parseConfig(process.env);
  } catch (e) {
    console.log(formatResult(result(false, 'config', e.message)));
    process.exitCode = 2;
    return;
  }
  console.log('dualstack-smoke: expecting ' + config.families.join(', ') + ' on ' + config.namespace + '/' + config.services.join(',') + ' port ' + config.port);
  var results = await run(config, realIo(config));
  results.forEach(function (r) { console.log(formatResult(r)); });
  var s = summary(results);
  console.log(s.line);
  process.exitCode = s.failed ? 1 : 0;
}

module.exports = {
  familyOf: familyOf,
  httpUrl: httpUrl,
  formatResult: formatResult,
  parseConfig: parseConfig,
  checkNodes: checkNodes,
  checkPods: checkPods,
  checkSelf: checkSelf,
  checkServices: checkServices,
  checkEndpointSlices: checkEndpointSlices,
  targetSettled: targetSettled,
  evaluateSnapshot: evaluateSnapshot,
  plannedProbes: plannedProbes,
  evaluateProbe: evaluateProbe,
  summary: summary,
  readSnapshot: readSnapshot,
  run: run,
  httpGet: httpGet,
  main: main,
};

if (require.main === module) {
  main().catch(function (e) {
    console.log('FAIL internal: ' + ((e && e.stack) || e));
    process.exitCode = 2;
  });
}
`;

/** The file name of the script inside its ConfigMap and mount. */
export const SMOKE_TEST_SCRIPT_KEY = 'check.js';
