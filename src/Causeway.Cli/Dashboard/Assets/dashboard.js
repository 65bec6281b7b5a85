// Causeway's dashboard. It reads only v1/status of the daemon that served it (relative, so it works through any
// forward), once a second, and keeps the throughput history itself, starting from the daemon's last 5 minutes
// (traffic.history) so that a page just opened draws them at once. It builds everything with DOM calls and text
// nodes, never HTML strings, so nothing in the status (client names, error texts) can become markup.
// Health colours: up green, degraded or connecting amber, down red, unknown grey. Elements carry data-hop,
// data-state (the status's own state) and data-health (the colour) so that tests can read them without pixels.
"use strict";

(() => {
  const POLL_MS = 1000;
  const HISTORY_MS = 5 * 60 * 1000;
  const REQUEST_TIMEOUT_MS = 5000;
  const SVG_NS = "http://www.w3.org/2000/svg";
  // Tunnel states in which the first hop is not judged yet but is being made: amber rather than grey.
  const CONNECTING = new Set(["Starting", "Connecting", "Reconnecting", "BackingOff"]);

  const history = [];
  let seeded = false;
  let lastSampledAt = null;
  let lastReport = null;
  let lastOkAt = null;
  let failingSince = null;

  const $ = (id) => document.getElementById(id);

  function el(tag, text, attrs) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    return node;
  }

  function svg(tag, attrs, text) {
    const node = document.createElementNS(SVG_NS, tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  // ---- formatting ----

  function rate(bytesPerSecond) {
    if (bytesPerSecond === null || bytesPerSecond === undefined) return "–";
    let bits = bytesPerSecond * 8;
    for (const unit of ["bit/s", "kbit/s", "Mbit/s", "Gbit/s"]) {
      if (bits < 1000 || unit === "Gbit/s") return `${bits < 10 && unit !== "bit/s" ? bits.toFixed(1) : Math.round(bits)} ${unit}`;
      bits /= 1000;
    }
    return "–";
  }

  function bytes(n) {
    if (n === null || n === undefined) return "–";
    let v = n;
    for (const unit of ["B", "kB", "MB", "GB", "TB"]) {
      if (v < 1000 || unit === "TB") return `${v < 10 && unit !== "B" ? v.toFixed(1) : Math.round(v)} ${unit}`;
      v /= 1000;
    }
    return "–";
  }

  function clock(iso) {
    if (!iso) return "–";
    const d = new Date(iso);
    return Number.isNaN(d.getTime()) ? iso : d.toLocaleTimeString();
  }

  function ago(iso) {
    if (!iso) return "";
    const seconds = Math.max(0, Math.round((Date.now() - new Date(iso).getTime()) / 1000));
    if (seconds < 60) return `${seconds} s ago`;
    if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
    if (seconds < 86400) return `${Math.floor(seconds / 3600)} h ${Math.floor((seconds % 3600) / 60)} min ago`;
    return `${Math.floor(seconds / 86400)} d ago`;
  }

  function since(iso) {
    return iso ? `since ${clock(iso)} (${ago(iso)})` : "";
  }

  function updown(device) {
    if (!device) return "";
    return `↑ ${rate(device.upstreamBytesPerSecond)}  ↓ ${rate(device.downstreamBytesPerSecond)}`;
  }

  // ---- health ----

  function hopHealth(hop, index, report) {
    if (hop.state === "down") return "down";
    if (hop.state === "up") return hop.path === "relayed" ? "degraded" : "up";
    if (index === 0 && !hop.ofGateway && report.tunnel && CONNECTING.has(report.tunnel.state)) return "degraded";
    return "unknown";
  }

  // The overlay gateway's own hops (Dinosaur's VM with [egress] gateway_status_port), renamed as seen from here:
  // its "this host" is the gateway. Null when there are none to show (no gateway, or its readings fail).
  function gatewayHops(report) {
    const gateway = report.gateway;
    if (!gateway || !gateway.hops) return null;
    const who = gateway.instance ? `the gateway ${gateway.instance}` : "the gateway";
    return gateway.hops.items.map((hop) => Object.assign({}, hop, {
      id: `gateway:${hop.id}`,
      name: (hop.name || hop.id).replace(/^this host/, who),
      ofGateway: true,
    }));
  }

  // The hops of the picture: this host's, then the gateway's in place of this host's own end-to-end "internet"
  // (the gateway's hops say where past it the internet is lost).
  function pictureHops(report) {
    const own = (report.hops && report.hops.items) || [];
    const theirs = gatewayHops(report);
    return theirs ? own.filter((hop) => hop.id !== "internet").concat(theirs) : own;
  }

  // The hops of the table: every one of this host's, then the gateway's.
  function tableHops(report) {
    const own = (report.hops && report.hops.items) || [];
    return own.concat(gatewayHops(report) || []);
  }

  function hostHealth(report) {
    const ks = report.killSwitch;
    if (!ks) return "unknown";
    return ks.routeLayer && ks.nftLayer ? "up" : "down";
  }

  // The clients' side: the overlay and access devices of the traffic report, or, before the first reading, what
  // the overlay and the access servers say.
  function clientSides(report) {
    const devices = (report.traffic && report.traffic.devices) || [];
    const servers = (report.access && report.access.servers) || [];
    const overlayHealth = () => {
      const o = report.overlay;
      if (!o) return "unknown";
      if (o.problem) return "down";
      return o.stale ? "degraded" : "up";
    };
    const server = (transport) => servers.find((s) => s.transport === transport);
    const sides = devices
      .filter((d) => d.role !== "egress")
      .map((d) => {
        if (d.role === "access") {
          const s = server(d.transport);
          return {
            key: d.device,
            title: `access clients (${d.transport || "?"})`,
            sub: s ? `${s.clients} connected, ${d.device}` : d.device,
            device: d,
            health: !d.present ? "down" : s ? (s.up ? "up" : "down") : "unknown",
          };
        }
        return { key: d.device, title: "overlay members", sub: d.device, device: d, health: d.present ? overlayHealth() : "down" };
      });
    if (sides.length === 0) {
      if (report.overlay && !devices.some((d) => d.role === "egress" && d.device === report.overlay.interface)) {
        sides.push({ key: report.overlay.interface, title: "overlay members", sub: report.overlay.interface, device: null, health: overlayHealth() });
      }
      for (const s of servers) {
        sides.push({ key: s.device, title: `access clients (${s.transport})`, sub: `${s.clients} connected, ${s.device}`, device: null, health: s.up ? "up" : "down" });
      }
    }
    return sides;
  }

  // ---- the topology ----

  function shortHopName(hop) {
    const over = / over (.+)$/.exec(hop.name || "");
    return over ? over[1] : hop.name || hop.id;
  }

  function renderTopology(report) {
    const root = $("topology");
    const hops = pictureHops(report);
    const devices = (report.traffic && report.traffic.devices) || [];
    const sides = clientSides(report);
    const colWidth = 240;
    const rowHeight = 120;
    const r = 24;
    const rows = Math.max(1, sides.length);
    const width = colWidth * (2 + hops.length);
    const height = rows * rowHeight + 20;
    const midY = height / 2 - 12;
    const colX = (i) => colWidth / 2 + i * colWidth;
    root.setAttribute("viewBox", `0 0 ${width} ${height}`);
    root.setAttribute("width", String(width));
    root.setAttribute("height", String(height));
    root.replaceChildren();

    // The clients' side, stacked in the first column, each joined to this host.
    sides.forEach((side, i) => {
      const y = sides.length <= 1 ? midY : 20 + rowHeight / 2 - 12 + i * rowHeight;
      const g = svg("g", { class: "client", "data-client": side.key, "data-health": side.health });
      const dx = colX(1) - colX(0);
      const dy = midY - y;
      const length = Math.hypot(dx, dy);
      g.append(
        svg("line", { x1: colX(0) + (dx * r) / length, y1: y + (dy * r) / length, x2: colX(1) - (dx * r) / length, y2: midY - (dy * r) / length }),
        svg("circle", { cx: colX(0), cy: y, r }),
        svg("text", { x: colX(0), y: y + r + 16, class: "title" }, side.title),
        svg("text", { x: colX(0), y: y + r + 31, class: "muted" }, side.sub),
        svg("text", { x: colX(0), y: y + r + 46, class: "rate" }, updown(side.device)));
      root.append(g);
    });

    // This host.
    const host = svg("g", { class: "host", "data-health": hostHealth(report) });
    const ks = report.killSwitch;
    host.append(
      svg("circle", { cx: colX(1), cy: midY, r }),
      svg("text", { x: colX(1), y: midY + r + 16, class: "title" }, "this host"),
      svg("text", { x: colX(1), y: midY + r + 31, class: "muted" }, report.instance || ""),
      svg("text", { x: colX(1), y: midY + r + 46, class: ks && ks.routeLayer && ks.nftLayer ? "muted" : "state-down" },
        !ks ? "" : ks.routeLayer && ks.nftLayer ? "kill switch: both layers" : "kill switch: a layer is missing"));
    root.append(host);

    // Each hop: its line from the node before and its far end, in the order the traffic crosses them.
    let carried = null;
    hops.forEach((hop, i) => {
      const device = devices.find((d) => d.hop === hop.id) || carried;
      carried = device;
      const health = hopHealth(hop, i, report);
      const x1 = colX(i + 1);
      const x2 = colX(i + 2);
      const mid = (x1 + x2) / 2;
      const g = svg("g", { class: "hop", "data-hop": hop.id, "data-state": hop.state, "data-health": health });
      const detail = [];
      if (hop.lastRoundTripMs !== null && hop.lastRoundTripMs !== undefined) detail.push(`${hop.lastRoundTripMs.toFixed(1)} ms`);
      if (hop.path) detail.push(hop.path);
      g.append(
        svg("line", { x1: x1 + r, y1: midY, x2: x2 - r, y2: midY }),
        svg("text", { x: mid, y: midY - 12, class: "muted" }, shortHopName(hop)),
        svg("text", { x: mid, y: midY + 20, class: "rate" }, updown(device)),
        svg("text", { x: mid, y: midY + 35, class: "muted" }, detail.join(", ")),
        svg("circle", { cx: x2, cy: midY, r }),
        svg("text", { x: x2, y: midY + r + 16, class: "title" }, hop.reached || hop.id),
        svg("text", { x: x2, y: midY + r + 31, class: hop.state === "down" ? "state-down" : "muted" }, `${hop.state} since ${clock(hop.since)}`));
      const tip = svg("title", {}, `${hop.name}: ${hop.state} ${since(hop.since)}`);
      g.prepend(tip);
      root.append(g);
    });
  }

  function renderHops(report) {
    const body = $("hops").querySelector("tbody");
    const hops = tableHops(report);
    body.replaceChildren(...hops.map((hop, i) => {
      const row = el("tr", null, { "data-hop-row": hop.id, "data-health": hopHealth(hop, i, report) });
      const rtt = hop.lastRoundTripMs === null || hop.lastRoundTripMs === undefined ? "–" : `${hop.lastRoundTripMs.toFixed(1)} ms`;
      row.append(
        el("td", hop.name),
        el("td", hop.path ? `${hop.state} (${hop.path})` : hop.state),
        el("td", `${clock(hop.since)} (${ago(hop.since)})`, { class: "num" }),
        el("td", hop.failuresInARow > 0 ? `${rtt}, ${hop.failuresInARow} lost in a row` : rtt, { class: "num" }),
        el("td", hop.lookNext));
      return row;
    }));
  }

  // ---- the throughput graph ----

  function record(report) {
    const now = Date.now();
    const traffic = report.traffic;
    if (traffic && !seeded) {
      seeded = true;
      // The daemon's clock may not be this browser's (a page opened from another machine): its times are placed
      // relative to its last reading, taken as now.
      const last = Date.parse(traffic.sampledAt);
      for (const p of traffic.history || []) {
        history.push({ t: now - (last - Date.parse(p.at)), up: p.upstreamBytesPerSecond, down: p.downstreamBytesPerSecond });
      }
      lastSampledAt = traffic.sampledAt;
    }
    if (traffic && traffic.sampledAt !== lastSampledAt) {
      lastSampledAt = traffic.sampledAt;
      const egress = traffic.devices.find((d) => d.role === "egress");
      history.push({ t: now, up: egress ? egress.upstreamBytesPerSecond : null, down: egress ? egress.downstreamBytesPerSecond : null });
    }
    prune(now);
  }

  function recordGap() {
    const now = Date.now();
    history.push({ t: now, up: null, down: null });
    prune(now);
  }

  function prune(now) {
    while (history.length > 0 && history[0].t < now - HISTORY_MS) history.shift();
  }

  function niceCeiling(value) {
    if (value <= 0) return 1000 / 8; // 1 kbit/s: an idle link still gets an axis
    const power = Math.pow(10, Math.floor(Math.log10(value)));
    for (const step of [1, 2, 5, 10]) {
      if (value <= step * power) return step * power;
    }
    return 10 * power;
  }

  function renderThroughput(report) {
    const root = $("throughput");
    const width = 1000;
    const height = 180;
    const left = 90;
    const top = 10;
    const bottom = 24;
    const plotW = width - left - 10;
    const plotH = height - top - bottom;
    const now = Date.now();
    const egress = report && report.traffic ? report.traffic.devices.find((d) => d.role === "egress") : null;
    $("egress-device").textContent = egress ? `(${egress.device}, now ${updown(egress)})` : "";
    const values = history.flatMap((p) => [p.up, p.down]).filter((v) => v !== null && v !== undefined);
    const max = niceCeiling(Math.max(0, ...values));
    const x = (t) => left + plotW * (1 - (now - t) / HISTORY_MS);
    const y = (v) => top + plotH * (1 - v / max);
    root.setAttribute("viewBox", `0 0 ${width} ${height}`);
    root.replaceChildren();
    for (const fraction of [0, 0.5, 1]) {
      const gy = y(max * fraction);
      root.append(
        svg("line", { class: "grid", x1: left, y1: gy, x2: width - 10, y2: gy }),
        svg("text", { x: 4, y: gy + 4 }, rate(max * fraction)));
    }
    root.append(
      svg("text", { x: left, y: height - 6 }, "5 min ago"),
      svg("text", { x: width - 40, y: height - 6 }, "now"));
    for (const series of ["up", "down"]) {
      // A gap (the daemon not answering, a device made anew) breaks the line rather than drawing through it.
      let points = [];
      const flush = () => {
        if (points.length > 1) root.append(svg("polyline", { class: series, "data-series": series, points: points.join(" ") }));
        points = [];
      };
      for (const p of history) {
        const v = p[series];
        if (v === null || v === undefined) flush();
        else points.push(`${x(p.t).toFixed(1)},${y(v).toFixed(1)}`);
      }
      flush();
    }
  }

  // ---- the access clients ----

  function renderClients(report) {
    const access = report.access;
    const table = $("clients");
    const body = table.querySelector("tbody");
    if (!access) {
      $("access-note").textContent = "This host runs no access servers ([access] is not in its config).";
      table.hidden = true;
      body.replaceChildren();
      return;
    }
    const servers = access.servers.map((s) => `${s.transport} ${s.port}: ${s.up ? "up" : s.state}, ${s.clients} connected`).join("; ");
    $("access-note").textContent = `${access.serverHost}: ${servers}${access.sessions.length === 0 ? ". No client is connected." : ""}`;
    table.hidden = access.sessions.length === 0;
    body.replaceChildren(...access.sessions.map((s) => {
      const row = el("tr", null, { "data-client": s.name });
      row.append(
        el("td", s.name),
        el("td", s.transport),
        el("td", s.virtualAddress),
        el("td", `${clock(s.connectedSince)} (${ago(s.connectedSince)})`, { class: "num" }),
        el("td", bytes(s.bytesReceived), { class: "num" }),
        el("td", bytes(s.bytesSent), { class: "num" }),
        el("td", `${rate(s.bytesReceivedPerSecond)} / ${rate(s.bytesSentPerSecond)}`, { class: "num" }));
      return row;
    }));
  }

  // ---- the rest ----

  function renderSummary(report) {
    const summary = $("summary");
    const hops = report.hops;
    if (!hops) {
      summary.textContent = "This daemon reports no hops.";
      summary.dataset.state = "unknown";
    } else {
      const gateway = report.gateway;
      const behind = !hops.firstFailed && gateway && gateway.hops && gateway.hops.firstFailed;
      summary.textContent = behind ? `${hops.summary}; the gateway${gateway.instance ? ` ${gateway.instance}` : ""} says: ${gateway.hops.summary}` : hops.summary;
      summary.dataset.state = hops.firstFailed || behind ? "down" : hops.items.every((h) => h.state === "up" && h.path !== "relayed") ? "up" : "degraded";
    }

    const warnings = [];
    const usage = report.egressUsage;
    if (usage && usage.warning) warnings.push(usage.warning);
    const ks = report.killSwitch;
    if (ks && !ks.routeLayer) warnings.push("The kill switch's route layer is missing (the nft layer still holds).");
    if (ks && !ks.nftLayer) warnings.push("The kill switch's nft layer is missing (the route layer still holds).");
    if (report.overlay && report.overlay.problem) warnings.push(`Overlay: ${report.overlay.problem}`);
    if (report.reconcile && report.reconcile.lastError) warnings.push(`Reconcile: ${report.reconcile.lastError}`);
    if (report.reload && report.reload.lastResult === "failed") warnings.push(`The last config reload was refused: ${report.reload.lastError}`);
    for (const problem of (report.access && report.access.problems) || []) warnings.push(`Access: ${problem}`);
    const gateway = report.gateway;
    if (gateway && gateway.error) {
      warnings.push(`The gateway's status (${gateway.source}) has not answered since ${clock(gateway.failingSince)}: ${gateway.error}; only this host's hops are shown.`);
    }
    $("warnings").replaceChildren(...warnings.map((w) => el("li", w)));
  }

  function renderUsage(report) {
    const usage = report.egressUsage;
    const meter = $("budget");
    if (!usage) {
      $("egress-usage").textContent = "Not counted yet.";
      meter.hidden = true;
      return;
    }
    let text = `${usage.month}: ${bytes(usage.countedBytes)} sent for the clients (through ${usage.device || "the egress"}: ${bytes(usage.sentBytes)} sent, ${bytes(usage.receivedBytes)} received)`;
    if (usage.budgetBytes) {
      text += `, of a budget of ${bytes(usage.budgetBytes)}: ${(usage.budgetUsedPercent || 0).toFixed(1)}%`;
      meter.hidden = false;
      meter.value = Math.min(100, usage.budgetUsedPercent || 0);
    } else {
      text += "; no monthly budget set";
      meter.hidden = true;
    }
    $("egress-usage").textContent = text;
  }

  function renderTunnel(report) {
    const t = report.tunnel;
    const lines = [`${t.state} ${since(t.stateSince)}`];
    if (t.remote) lines.push(`server ${t.remote}${t.localAddress ? `, this host ${t.localAddress}` : ""}`);
    lines.push(`${t.reconnects} reconnects, ${t.processStarts} OpenVPN starts; ${bytes(t.bytesIn)} in, ${bytes(t.bytesOut)} out`);
    if (t.lastHandshake) lines.push(`last handshake ${clock(t.lastHandshake)} (${ago(t.lastHandshake)})`);
    if (!t.connected && t.lastError) lines.push(`last error: ${t.lastError}`);
    $("tunnel").replaceChildren(...lines.flatMap((line, i) => (i === 0 ? [line] : [el("br"), line])));
  }

  function renderKillSwitch(report) {
    const ks = report.killSwitch;
    const lines = [
      `route layer: ${ks.routeLayer ? "in place" : "MISSING"}`,
      `nft layer: ${ks.nftLayer ? "in place" : "MISSING"}`,
      `dropped: ${ks.droppedPackets} forwarded packets, ${ks.hostStackDroppedPackets} of this host's for client flows`,
    ];
    $("killswitch").replaceChildren(...lines.flatMap((line, i) => (i === 0 ? [line] : [el("br"), line])));
  }

  function render(report) {
    $("instance").textContent = report.instance;
    $("meta").textContent = `version ${report.version}, pid ${report.pid}, up ${since(report.startedAt)}`;
    renderSummary(report);
    renderTopology(report);
    renderHops(report);
    renderThroughput(report);
    renderClients(report);
    renderUsage(report);
    renderTunnel(report);
    renderKillSwitch(report);
  }

  function renderLink() {
    const link = $("link");
    if (failingSince === null) {
      link.dataset.link = "live";
      link.textContent = `live, updated ${new Date(lastOkAt).toLocaleTimeString()}`;
      delete document.body.dataset.stale;
    } else {
      link.dataset.link = "lost";
      link.textContent = lastOkAt === null
        ? `the daemon does not answer (since ${new Date(failingSince).toLocaleTimeString()})`
        : `the daemon does not answer since ${new Date(failingSince).toLocaleTimeString()}: what is shown is from ${new Date(lastOkAt).toLocaleTimeString()}`;
      document.body.dataset.stale = "true";
    }
  }

  async function poll() {
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), REQUEST_TIMEOUT_MS);
    try {
      const response = await fetch("v1/status", { cache: "no-store", signal: abort.signal, headers: { Accept: "application/json" } });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const report = await response.json();
      lastReport = report;
      lastOkAt = Date.now();
      failingSince = null;
      record(report);
      render(report);
    } catch (e) {
      if (failingSince === null) failingSince = Date.now();
      recordGap();
      renderThroughput(lastReport);
    } finally {
      clearTimeout(timer);
      renderLink();
      setTimeout(poll, POLL_MS);
    }
  }

  poll();
})();
