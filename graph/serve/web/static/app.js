// app.js — the relations page of accord serve and accord viz: loads
// /graph.json (or, in the standalone file of accord viz, the JSON of the
// <script type="application/json" id="graph-data"> block), draws the
// entities and relations as a force-directed graph (laid out with the
// vendored d3-force, static/vendor/) with filters and a search box, shows
// the evidence sentence behind an edge, and runs Gizmo queries against
// Cayley's /api/v2/query. Plain DOM, no framework; every piece of data is
// inserted as text, never as HTML.
"use strict";

(function () {
  var SVGNS = "http://www.w3.org/2000/svg";

  var CLASS_COLORS = {
    State: "#4e79a7", Organization: "#f28e2b", Group: "#e15759", Instrument: "#59a14f",
    Meeting: "#b07aa1", Initiative: "#edc948", City: "#9c755f",
  };
  var PRED_COLORS = {
    // stances
    reaffirms: "#1f5fa8", welcomes: "#2ca02c", supports: "#17a3b8", commends: "#a0a020",
    condemns: "#d62728", opposes: "#8c3b2b", notes: "#7f7f7f", emphasizes: "#e377c2",
    advocates: "#9467bd", callsFor: "#ff7f0e", adheresTo: "#393b79", considers: "#637939",
    expressesConcern: "#843c39", adopts: "#7b4173", intends: "#5a9bd4",
    // facts (drawn dashed)
    signedIn: "#a55194", heldIn: "#6b6ecf", proposedBy: "#e7969c", proposedAt: "#ce6dbd",
    adoptedAt: "#8ca252", memberOf: "#bd9e39", locatedIn: "#969696",
    signedOn: "#a55194", heldOn: "#6b6ecf", endedOn: "#6b6ecf",
  };
  var PREFIXES = [
    ["acc:", "https://w3id.org/accord/ns#"], ["rdf:", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"],
    ["rdfs:", "http://www.w3.org/2000/01/rdf-schema#"], ["skos:", "http://www.w3.org/2004/02/skos/core#"],
    ["xsd:", "http://www.w3.org/2001/XMLSchema#"], ["owl:", "http://www.w3.org/2002/07/owl#"],
    ["wd:", "http://www.wikidata.org/entity/"], ["id:", "https://w3id.org/accord/id/"],
    ["doc:", "https://w3id.org/accord/doc/"],
  ];
  var EXAMPLES = [
    ["Who reaffirms what (drawn as a graph)",
      '// Tag "source" and "target" to draw the result as a graph.\n' +
      'g.V().Tag("source").Out("<https://w3id.org/accord/ns#reaffirms>").Tag("target").All()'],
    ["Where meetings were held",
      'g.V().Has("<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>", "<https://w3id.org/accord/ns#Meeting>")\n' +
      '  .Tag("source").Out("<https://w3id.org/accord/ns#heldIn>").Tag("target").All()'],
    ["Instruments the SCO member states reaffirm, with names",
      'g.V("<https://w3id.org/accord/id/group/sco-member-states>")\n' +
      '  .Out("<https://w3id.org/accord/ns#reaffirms>").Tag("id")\n' +
      '  .Out("<http://www.w3.org/2000/01/rdf-schema#label>").Tag("label").All()'],
    ["Everything the member states say (any stance)",
      'var stances = ["reaffirms", "welcomes", "supports", "commends", "condemns", "opposes",\n' +
      '  "notes", "emphasizes", "advocates", "callsFor", "adheresTo", "considers",\n' +
      '  "expressesConcern", "adopts", "intends"].map(function (p) {\n' +
      '  return "<https://w3id.org/accord/ns#" + p + ">"; });\n' +
      'g.V("<https://w3id.org/accord/id/group/sco-member-states>").Tag("source")\n' +
      '  .Out(stances, "predicate").Tag("target").All()'],
    ["Statements with their sentences",
      'g.V().Has("<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>", "<https://w3id.org/accord/ns#Statement>")\n' +
      '  .Save("<https://w3id.org/accord/ns#predicate>", "predicate")\n' +
      '  .Save("<https://w3id.org/accord/ns#sentence>", "sentence").Limit(20).All()'],
  ];

  // Layout constants, tuned on the bundled declaration (one hub, the
  // member states, with about fifty neighbours).
  var LAYOUT = { base: 40, labelFactor: 0.5, degreeFactor: 1, charge: -250, gravity: 0.15, collide: 1 };
  var state = {
    data: null,
    nodeById: new Map(),
    stmtById: new Map(),
    edgeById: new Map(),
    edgesOf: new Map(),
    docs: new Set(), classes: new Set(), preds: new Set(),
    unlinked: false, english: false, search: "",
    standalone: false, // the file of accord viz: no server, no console
    docParam: null, // the ?doc= of the page: one document of the store
    selection: null, // {kind: "node"|"edge"|"fact", id, ...}
    visible: { nodes: new Set(), edges: new Set() },
  };
  var mainView, miniView;

  // ---- small DOM helpers ----
  function $(id) { return document.getElementById(id); }
  function h(tag, attrs) {
    var e = document.createElement(tag);
    if (attrs) Object.keys(attrs).forEach(function (k) {
      if (k === "text") e.textContent = attrs[k];
      else if (k === "class") e.className = attrs[k];
      else if (k.slice(0, 2) === "on") e.addEventListener(k.slice(2), attrs[k]);
      else e.setAttribute(k, attrs[k]);
    });
    for (var i = 2; i < arguments.length; i++) append(e, arguments[i]);
    return e;
  }
  function append(e, c) {
    if (c == null || c === false) return;
    if (Array.isArray(c)) { c.forEach(function (x) { append(e, x); }); return; }
    e.appendChild(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
  }
  function s(tag, attrs) {
    var e = document.createElementNS(SVGNS, tag);
    if (attrs) Object.keys(attrs).forEach(function (k) {
      if (k === "text") e.textContent = attrs[k]; else e.setAttribute(k, attrs[k]);
    });
    return e;
  }
  function clear(e) { while (e.firstChild) e.removeChild(e.firstChild); }
  function chars(str) { return Array.from(str || ""); }

  // fit shortens str to about maxPx pixels at the font size, with an
  // ellipsis: a Chinese name keeps about 12 characters, an English one 22.
  function fit(str, maxPx, size) {
    if (textWidth(str, size) <= maxPx) return str;
    var out = "", w = 0;
    var cs = chars(str);
    for (var i = 0; i < cs.length; i++) {
      var cw = textWidth(cs[i], size);
      if (w + cw > maxPx - size) break;
      out += cs[i]; w += cw;
    }
    return out.replace(/\s+$/, "") + "…";
  }
  function textWidth(str, size) {
    var w = 0;
    chars(str).forEach(function (c) { w += c.codePointAt(0) > 0x2e80 ? size : size * 0.58; });
    return w;
  }
  function compact(iri) {
    for (var i = 0; i < PREFIXES.length; i++) {
      if (iri.indexOf(PREFIXES[i][1]) === 0) return PREFIXES[i][0] + iri.slice(PREFIXES[i][1].length);
    }
    return iri;
  }
  function lastSegment(iri) { return iri.replace(/[\/#]+$/, "").split(/[\/#]/).pop(); }
  function classColor(c) { return CLASS_COLORS[c] || "#9aa0a6"; }
  function predColor(p) {
    if (PRED_COLORS[p]) return PRED_COLORS[p];
    var x = 0;
    for (var i = 0; i < p.length; i++) x = (x * 31 + p.charCodeAt(i)) >>> 0;
    return "hsl(" + (x % 360) + ",55%,45%)";
  }
  function nodeName(id) {
    var n = state.nodeById.get(id);
    if (!n) return lastSegment(id);
    if (state.english && n.labels && n.labels.en) return n.labels.en;
    return n.label;
  }
  // hashAngle gives each id its own fixed direction, so that the same data
  // is always laid out the same way.
  function hashAngle(id) {
    var x = 2166136261;
    for (var i = 0; i < id.length; i++) x = Math.imul(x ^ id.charCodeAt(i), 16777619) >>> 0;
    return (x % 3600) / 3600 * 2 * Math.PI;
  }
  function docName(id) { return lastSegment(id); }

  // layout places nodes ({id, r, cr, x?, y?, fx?, fy?}) joined by springs
  // ({source, target, distance} as node objects) with d3-force: nodes repel
  // each other (many-body, Barnes–Hut), springs pull their ends towards
  // their distance, a weak gravity towards the origin keeps separate
  // components together, and a collision force keeps nodes and their
  // labels (radius cr) apart. The simulation is run to rest at once (no
  // animation): d3's random source is seeded, so the same data is always
  // laid out the same way. Nodes with fx/fy stay where they are.
  function layout(nodes, springs, o) {
    var d3 = window.d3;
    var sim = d3.forceSimulation(nodes)
      .velocityDecay(0.45)
      .alpha(o.alpha)
      .force("link", d3.forceLink(springs).distance(function (l) { return l.distance; }))
      .force("charge", d3.forceManyBody().strength(o.charge))
      .force("x", d3.forceX(0).strength(o.gravity))
      .force("y", d3.forceY(0).strength(o.gravity))
      .force("collide", d3.forceCollide(function (n) { return n.cr * LAYOUT.collide + 2; }).strength(1).iterations(2))
      .stop();
    // ticks until alpha falls below alphaMin (300 from alpha 1)
    var ticks = Math.ceil(Math.log(sim.alphaMin() / o.alpha) / Math.log(1 - sim.alphaDecay()));
    sim.tick(Math.min(ticks, 500));
  }

  // ---- the graph view (used for the main graph and the console's) ----
  function GraphView(svg, opts) {
    this.svg = svg;
    this.opts = opts || {};
    this.k = 1; this.tx = 0; this.ty = 0;
    this.nodes = []; this.edges = [];
    this.pos = new Map(); // id → {x, y}, kept across redraws
    clear(svg);
    this.defs = s("defs");
    this.root = s("g", { class: "viewport" });
    this.edgeLayer = s("g", { class: "edges" });
    this.nodeLayer = s("g", { class: "nodes" });
    this.root.appendChild(this.edgeLayer);
    this.root.appendChild(this.nodeLayer);
    svg.appendChild(this.defs);
    svg.appendChild(this.root);
    this.markers = {};
    this.bindEvents();
    // Fit the drawing again whenever the box changes size (the window, the
    // console opening below the graph).
    var self = this;
    if (window.ResizeObserver) {
      new ResizeObserver(function () { if (self.nodes.length && self.svg.clientWidth) self.fit(); }).observe(svg);
    }
  }

  GraphView.prototype.marker = function (pred) {
    if (this.markers[pred]) return this.markers[pred];
    var id = this.svg.id + "-arrow-" + pred.replace(/[^A-Za-z0-9_-]/g, "_");
    var m = s("marker", { id: id, viewBox: "0 0 10 10", refX: "9", refY: "5", markerWidth: "5", markerHeight: "5", orient: "auto" });
    m.appendChild(s("path", { d: "M0,0 L10,5 L0,10 z", fill: predColor(pred) }));
    this.defs.appendChild(m);
    this.markers[pred] = id;
    return id;
  };

  // draw lays out and draws nodes ({id, label, cls, title}) and edges
  // ({id, source, target, predicate, kind, title}).
  GraphView.prototype.draw = function (nodes, edges) {
    var self = this;
    var byId = new Map();
    var deg = new Map();
    nodes.forEach(function (n) { deg.set(n.id, 0); });
    edges.forEach(function (e) { deg.set(e.source, deg.get(e.source) + 1); deg.set(e.target, deg.get(e.target) + 1); });
    var maxLen = this.opts.mini ? 10 : 12;
    var simNodes = nodes.map(function (n) {
      var d = deg.get(n.id);
      var r = Math.min(24, 5 + 2.2 * Math.sqrt(d));
      var hub = d >= 10 && !self.opts.mini;
      var size = hub ? 13 : 11;
      var text = fit(n.label, (hub ? 16 : maxLen) * size, size);
      var tw = textWidth(text, size);
      var p = self.pos.get(n.id);
      var sn = { id: n.id, data: n, r: r, hub: hub, text: text, degree: d, cr: Math.max(r + 4, tw / 2 + 3) };
      if (p) { sn.x = p.x; sn.y = p.y; }
      byId.set(n.id, sn);
      return sn;
    });
    var simLinks = [];
    edges.forEach(function (e) {
      var a = byId.get(e.source), b = byId.get(e.target);
      if (a && b) simLinks.push({ source: a, target: b, edge: e });
    });
    // one spring per pair of nodes, however many predicates join them
    var seenPair = new Set(), springs = [];
    simLinks.forEach(function (l) {
      var k = l.source.id < l.target.id ? l.source.id + "|" + l.target.id : l.target.id + "|" + l.source.id;
      if (seenPair.has(k) || l.source === l.target) return;
      seenPair.add(k);
      springs.push({ source: l.source, target: l.target, distance: LAYOUT.base + (l.source.cr + l.target.cr) * LAYOUT.labelFactor + LAYOUT.degreeFactor * Math.sqrt(Math.max(l.source.degree, l.target.degree)) });
    });
    // Nodes drawn before keep their places (a filter does not move what
    // stays on screen); new nodes settle around them. With no placed node,
    // the whole graph is laid out.
    var placed = simNodes.filter(function (n) { return n.x !== undefined; });
    var newcomers = simNodes.length - placed.length;
    if (newcomers > 0) {
      if (placed.length > 0) {
        placed.forEach(function (n) { n.fx = n.x; n.fy = n.y; });
        // start each newcomer next to a placed neighbour
        simNodes.forEach(function (n) {
          if (n.x !== undefined) return;
          var nb = springs.map(function (l) { return l.source === n ? l.target : l.target === n ? l.source : null; })
            .find(function (m) { return m && m.x !== undefined; });
          if (nb) { var a = hashAngle(n.id); n.x = nb.x + 30 * Math.cos(a); n.y = nb.y + 30 * Math.sin(a); }
        });
      }
      layout(simNodes, springs, {
        charge: this.opts.mini ? -200 : LAYOUT.charge, gravity: this.opts.mini ? 0.08 : LAYOUT.gravity,
        alpha: placed.length > 0 ? 0.5 : 1,
      });
      simNodes.forEach(function (n) { n.fx = n.fy = null; self.pos.set(n.id, { x: n.x, y: n.y }); });
    }

    // parallel edges between the same two nodes are bent apart
    var groups = new Map();
    simLinks.forEach(function (l) {
      var k = l.source.id < l.target.id ? l.source.id + "|" + l.target.id : l.target.id + "|" + l.source.id;
      if (!groups.has(k)) groups.set(k, []);
      groups.get(k).push(l);
    });
    groups.forEach(function (ls) {
      ls.forEach(function (l, i) {
        var off = (i - (ls.length - 1) / 2) * 16;
        l.offset = l.source.id < l.target.id ? off : -off;
      });
    });

    this.nodes = simNodes; this.links = simLinks; this.byId = byId;
    clear(this.edgeLayer); clear(this.nodeLayer);
    simLinks.forEach(function (l) {
      var e = l.edge;
      var g = s("g", { class: "edge " + (e.kind || "stance"), "data-id": e.id, "data-predicate": e.predicate, "data-source": e.source, "data-target": e.target });
      g.appendChild(s("title", { text: e.title || (nodeName(e.source) + " " + e.predicate + " " + nodeName(e.target)) }));
      l.hit = s("path", { class: "hit" });
      l.vis = s("path", { class: "vis", stroke: predColor(e.predicate), "marker-end": "url(#" + self.marker(e.predicate) + ")" });
      g.appendChild(l.hit); g.appendChild(l.vis);
      l.el = g;
      self.edgeLayer.appendChild(g);
    });
    simNodes.forEach(function (n) {
      var g = s("g", { class: "node" + (n.hub ? " hub" : ""), "data-id": n.id, "data-class": n.data.cls || "" });
      g.appendChild(s("title", { text: n.data.title || n.data.label }));
      g.appendChild(s("circle", { r: n.r.toFixed(1), fill: n.data.color || classColor(n.data.cls) }));
      g.appendChild(s("text", { y: (n.r + (n.hub ? 14 : 12)).toFixed(1), text: n.text }));
      n.el = g;
      self.nodeLayer.appendChild(g);
    });
    this.update();
    this.svg.setAttribute("data-nodes", String(simNodes.length));
    this.svg.setAttribute("data-edges", String(simLinks.length));
    this.fit();
  };

  GraphView.prototype.update = function () {
    this.nodes.forEach(function (n) { n.el.setAttribute("transform", "translate(" + n.x.toFixed(1) + "," + n.y.toFixed(1) + ")"); });
    this.links.forEach(function (l) {
      var a = l.source, b = l.target, d;
      if (a === b) {
        var r = a.r;
        d = "M" + (a.x - r * 0.6) + "," + (a.y - r * 0.8) + " C" + (a.x - 30) + "," + (a.y - 50) + " " + (a.x + 30) + "," + (a.y - 50) + " " + (a.x + r * 0.6) + "," + (a.y - r * 0.8);
      } else {
        var dx = b.x - a.x, dy = b.y - a.y, len = Math.sqrt(dx * dx + dy * dy) || 1;
        var mx = (a.x + b.x) / 2, my = (a.y + b.y) / 2;
        var cx = mx - dy / len * l.offset * 2, cy = my + dx / len * l.offset * 2;
        var u1x = cx - a.x, u1y = cy - a.y, n1 = Math.sqrt(u1x * u1x + u1y * u1y) || 1;
        var u2x = b.x - cx, u2y = b.y - cy, n2 = Math.sqrt(u2x * u2x + u2y * u2y) || 1;
        var sx = a.x + u1x / n1 * (a.r + 1), sy = a.y + u1y / n1 * (a.r + 1);
        var ex = b.x - u2x / n2 * (b.r + 2), ey = b.y - u2y / n2 * (b.r + 2);
        d = l.offset === 0 ? "M" + sx.toFixed(1) + "," + sy.toFixed(1) + " L" + ex.toFixed(1) + "," + ey.toFixed(1)
          : "M" + sx.toFixed(1) + "," + sy.toFixed(1) + " Q" + cx.toFixed(1) + "," + cy.toFixed(1) + " " + ex.toFixed(1) + "," + ey.toFixed(1);
      }
      l.hit.setAttribute("d", d);
      l.vis.setAttribute("d", d);
    });
  };

  GraphView.prototype.applyTransform = function () {
    this.root.setAttribute("transform", "translate(" + this.tx.toFixed(1) + "," + this.ty.toFixed(1) + ") scale(" + this.k.toFixed(4) + ")");
  };

  GraphView.prototype.fit = function () {
    var w = this.svg.clientWidth || 800, hgt = this.svg.clientHeight || 600;
    if (!this.nodes.length) { this.k = 1; this.tx = w / 2; this.ty = hgt / 2; this.applyTransform(); return; }
    var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    this.nodes.forEach(function (n) {
      x0 = Math.min(x0, n.x - n.cr); x1 = Math.max(x1, n.x + n.cr);
      y0 = Math.min(y0, n.y - n.r); y1 = Math.max(y1, n.y + n.r + 18);
    });
    var pad = 16;
    var k = Math.min((w - 2 * pad) / (x1 - x0 || 1), (hgt - 2 * pad) / (y1 - y0 || 1), this.opts.mini ? 1.4 : 1.6);
    this.k = k;
    this.tx = w / 2 - k * (x0 + x1) / 2;
    this.ty = hgt / 2 - k * (y0 + y1) / 2;
    this.fitted = true;
    this.applyTransform();
  };

  GraphView.prototype.centerOn = function (id) {
    var n = this.byId && this.byId.get(id);
    if (!n) return;
    var w = this.svg.clientWidth, hgt = this.svg.clientHeight;
    this.tx = w / 2 - this.k * n.x; this.ty = hgt / 2 - this.k * n.y;
    this.applyTransform();
  };

  GraphView.prototype.toGraph = function (evt) {
    var r = this.svg.getBoundingClientRect();
    return { x: (evt.clientX - r.left - this.tx) / this.k, y: (evt.clientY - r.top - this.ty) / this.k };
  };

  GraphView.prototype.bindEvents = function () {
    var self = this, svg = this.svg, drag = null;
    svg.addEventListener("wheel", function (evt) {
      evt.preventDefault();
      var r = svg.getBoundingClientRect();
      var px = evt.clientX - r.left, py = evt.clientY - r.top;
      var f = Math.exp(-evt.deltaY * 0.0015);
      var k = Math.max(0.1, Math.min(8, self.k * f));
      self.tx = px - (px - self.tx) * k / self.k;
      self.ty = py - (py - self.ty) * k / self.k;
      self.k = k;
      self.applyTransform();
    }, { passive: false });
    svg.addEventListener("pointerdown", function (evt) {
      if (evt.button !== 0) return;
      var nodeEl = evt.target.closest(".node"), edgeEl = evt.target.closest(".edge");
      drag = { x: evt.clientX, y: evt.clientY, moved: false, tx: self.tx, ty: self.ty };
      if (nodeEl) drag.node = self.byId.get(nodeEl.getAttribute("data-id"));
      else if (edgeEl) drag.edge = edgeEl.getAttribute("data-id");
      else svg.classList.add("panning");
      svg.setPointerCapture(evt.pointerId);
    });
    svg.addEventListener("pointermove", function (evt) {
      if (!drag) return;
      var dx = evt.clientX - drag.x, dy = evt.clientY - drag.y;
      if (!drag.moved && dx * dx + dy * dy < 9) return;
      drag.moved = true;
      if (drag.node) {
        var p = self.toGraph(evt);
        drag.node.x = p.x; drag.node.y = p.y;
        self.pos.set(drag.node.id, { x: p.x, y: p.y });
        self.update();
      } else {
        self.tx = drag.tx + dx; self.ty = drag.ty + dy;
        self.applyTransform();
      }
    });
    svg.addEventListener("pointerup", function () {
      svg.classList.remove("panning");
      if (!drag) return;
      var d = drag;
      drag = null;
      if (d.moved) return;
      if (d.node && self.opts.onNode) self.opts.onNode(d.node.id);
      else if (d.edge && self.opts.onEdge) self.opts.onEdge(d.edge);
      else if (!d.node && !d.edge && self.opts.onBackground) self.opts.onBackground();
    });
    svg.addEventListener("pointercancel", function () { drag = null; svg.classList.remove("panning"); });
  };

  // mark sets classes on the drawn nodes and edges: selected, near (the
  // selection's neighbourhood), match (search hits).
  GraphView.prototype.mark = function (sel, matches) {
    var nearNodes = new Set(), nearEdges = new Set(), selNode = null, selEdge = null;
    if (sel && sel.kind === "node") {
      selNode = sel.id; nearNodes.add(sel.id);
      this.links.forEach(function (l) {
        if (l.source.id === sel.id || l.target.id === sel.id) {
          nearEdges.add(l.edge.id); nearNodes.add(l.source.id); nearNodes.add(l.target.id);
        }
      });
    } else if (sel && sel.kind === "edge") {
      selEdge = sel.id; nearEdges.add(sel.id);
      var e = state.edgeById.get(sel.id);
      if (e) { nearNodes.add(e.source); nearNodes.add(e.target); }
    } else if (sel && sel.kind === "fact") {
      selNode = sel.node; nearNodes.add(sel.node);
    }
    var focus = (selNode && this.byId && this.byId.has(selNode)) || (selEdge && this.links.some(function (l) { return l.edge.id === selEdge; }));
    this.svg.classList.toggle("focus", !!focus);
    this.svg.classList.toggle("searching", !!matches);
    this.nodes.forEach(function (n) {
      n.el.classList.toggle("selected", n.id === selNode);
      n.el.classList.toggle("near", nearNodes.has(n.id));
      n.el.classList.toggle("match", !!matches && matches.has(n.id));
    });
    this.links.forEach(function (l) {
      l.el.classList.toggle("selected", l.edge.id === selEdge);
      l.el.classList.toggle("near", nearEdges.has(l.edge.id));
    });
  };

  // ---- filters ----
  function computeVisible() {
    var d = state.data, nodes = new Set(), edges = new Set(), linked = new Set();
    var docOK = function (docs) {
      if (!d.documents.length) return true;
      for (var i = 0; i < docs.length; i++) if (state.docs.has(docs[i])) return true;
      return false;
    };
    var nodeOK = function (n) { return n && state.classes.has(n.class) && docOK(n.documents); };
    d.edges.forEach(function (e) {
      if (!state.preds.has(e.predicate) || !docOK(e.documents)) return;
      if (!nodeOK(state.nodeById.get(e.source)) || !nodeOK(state.nodeById.get(e.target))) return;
      edges.add(e.id); linked.add(e.source); linked.add(e.target);
    });
    d.nodes.forEach(function (n) {
      if (!nodeOK(n)) return;
      if (state.unlinked || linked.has(n.id)) nodes.add(n.id);
    });
    state.visible = { nodes: nodes, edges: edges };
  }

  function redraw() {
    computeVisible();
    var d = state.data;
    var nodes = d.nodes.filter(function (n) { return state.visible.nodes.has(n.id); }).map(function (n) {
      return { id: n.id, label: nodeName(n.id), cls: n.class, title: titleOf(n) };
    });
    var edges = d.edges.filter(function (e) { return state.visible.edges.has(e.id); }).map(function (e) {
      return { id: e.id, source: e.source, target: e.target, predicate: e.predicate, kind: e.kind };
    });
    mainView.draw(nodes, edges);
    var svg = $("graph");
    svg.setAttribute("data-status", d.partial ? "partial" : "ready");
    if (d.partial) {
      $("summary").textContent = d.documents.length + " documents, " + d.partial.quads.toLocaleString("en") +
        " quads: more than this page draws at once (" + d.partial.limit.toLocaleString("en") + "); pick a document on the left";
      return;
    }
    var parts = [];
    if (d.documents.length === 1) parts.push(docName(d.documents[0].id) + (d.documents[0].label ? " · " + d.documents[0].label : ""));
    else parts.push(state.docs.size + " of " + d.documents.length + " documents");
    parts.push("showing " + nodes.length + " of " + d.nodes.length + " entities and " + edges.length + " of " + d.edges.length + " relations");
    $("summary").textContent = parts.join(" — ");
    applySearch();
  }

  function titleOf(n) {
    var t = n.label;
    if (n.labels && n.labels.en && n.labels.en !== n.label) t += " / " + n.labels.en;
    return t + " (" + n.class + ")";
  }

  function checkbox(set, value, checked, children, onChange) {
    var input = h("input", { type: "checkbox", value: value });
    input.checked = checked;
    if (checked) set.add(value);
    input.addEventListener("change", function () {
      if (input.checked) set.add(value); else set.delete(value);
      onChange();
    });
    return h("label", { class: "check" }, input, children);
  }

  function buildFilters() {
    var d = state.data;
    var docs = $("filter-docs");
    clear(docs);
    if (d.partial) {
      buildPicker(docs, d.documents);
    } else if (state.docParam && !state.standalone) {
      docs.appendChild(h("p", {}, h("a", { href: "/", text: "← all documents" })));
    }
    if (!d.partial) d.documents.forEach(function (doc) {
      var lab = checkbox(state.docs, doc.id, true, [h("span", { text: docName(doc.id) }), doc.date ? h("span", { class: "count", text: doc.date }) : null], redraw);
      lab.title = (doc.label || doc.id) + (doc.date ? " (" + doc.date + ")" : "");
      docs.appendChild(lab);
    });
    if (!d.documents.length) docs.appendChild(h("p", { class: "muted", text: "no documents" }));
    var classes = $("filter-classes");
    clear(classes);
    d.classes.forEach(function (c) {
      var sw = h("span", { class: "swatch" });
      sw.style.background = classColor(c.name);
      classes.appendChild(checkbox(state.classes, c.name, true, [sw, h("span", { text: c.name }), h("span", { class: "count", text: String(c.count) })], redraw));
    });
    var preds = $("filter-preds");
    clear(preds);
    ["stance", "fact"].forEach(function (kind) {
      var ps = d.predicates.filter(function (p) { return p.kind === kind; });
      if (!ps.length) return;
      preds.appendChild(h("div", { class: "group", text: kind === "stance" ? "stances" : "facts (dashed)" }));
      ps.forEach(function (p) {
        var ln = h("span", { class: "line " + kind });
        ln.style.borderTopColor = predColor(p.name);
        var lab = checkbox(state.preds, p.name, true, [ln, h("span", { text: p.name }), h("span", { class: "count", text: String(p.count) })], redraw);
        lab.setAttribute("data-predicate", p.name);
        lab.title = p.iri;
        preds.appendChild(lab);
      });
    });
    document.querySelectorAll("[data-all],[data-none]").forEach(function (b) {
      b.addEventListener("click", function () {
        var box = $(b.getAttribute("data-all") || b.getAttribute("data-none"));
        var on = b.hasAttribute("data-all");
        box.querySelectorAll("input[type=checkbox]").forEach(function (i) {
          i.checked = on;
          var set = box.id === "filter-classes" ? state.classes : state.preds;
          if (on) set.add(i.value); else set.delete(i.value);
        });
        redraw();
      });
    });
  }

  // buildPicker lists the documents of a store too large to draw whole,
  // each a link to the page of that document alone (?doc=ID), with a box
  // that narrows the list by id, title or date; it shows at most
  // pickerMax at a time.
  var pickerMax = 200;
  function buildPicker(box, documents) {
    var input = h("input", { type: "search", placeholder: "id, title or date", "aria-label": "Find a document" });
    var list = h("div", { class: "picker" });
    var more = h("p", { class: "muted" });
    function fill() {
      var q = input.value.trim().toLowerCase();
      clear(list);
      var shown = 0, matched = 0;
      documents.forEach(function (doc) {
        var hay = (doc.id + " " + (doc.label || "") + " " + (doc.date || "")).toLowerCase();
        if (q && hay.indexOf(q) < 0) return;
        matched++;
        if (shown >= pickerMax) return;
        shown++;
        var a = h("a", { href: "?doc=" + encodeURIComponent(doc.id), text: docName(doc.id) });
        a.title = doc.label || doc.id;
        list.appendChild(h("div", { class: "check" }, a, doc.date ? h("span", { class: "count", text: doc.date }) : null));
      });
      more.textContent = matched > shown ? (matched - shown) + " more: type to narrow" : (matched ? "" : "no document matches");
    }
    input.addEventListener("input", fill);
    box.appendChild(input);
    box.appendChild(list);
    box.appendChild(more);
    fill();
  }

  // ---- search ----
  function searchMatches(q) {
    q = q.trim().toLowerCase();
    if (!q) return null;
    var out = new Set();
    state.data.nodes.forEach(function (n) {
      var hay = [n.id, n.label].concat(Object.keys(n.labels).map(function (k) { return n.labels[k]; }), n.altLabels || []);
      for (var i = 0; i < hay.length; i++) if (hay[i].toLowerCase().indexOf(q) >= 0) { out.add(n.id); return; }
    });
    return out;
  }
  function applySearch() {
    var m = searchMatches(state.search);
    var shown = 0;
    if (m) m.forEach(function (id) { if (state.visible.nodes.has(id)) shown++; });
    $("search-count").textContent = m ? shown + " of " + m.size + " shown" : "";
    mainView.mark(state.selection, m);
    return m;
  }

  // ---- details panel ----
  function predPill(p) {
    var e = h("span", { class: "pred", text: p });
    e.style.background = predColor(p);
    return e;
  }
  function nodeButton(id) {
    var n = state.nodeById.get(id);
    if (!n) return h("span", { text: id });
    return h("button", { type: "button", class: "link", text: nodeName(id), onclick: function () { select({ kind: "node", id: id }); } });
  }

  function select(sel) {
    state.selection = sel;
    var box = $("details");
    clear(box);
    if (!sel) {
      box.appendChild(h("p", { class: "muted empty", text: "Click an entity to see its names and relations, or an edge to read the sentence it comes from." }));
    } else if (sel.kind === "node") {
      renderNode(box, state.nodeById.get(sel.id));
    } else if (sel.kind === "edge") {
      renderEdge(box, state.edgeById.get(sel.id));
    } else if (sel.kind === "fact") {
      renderFact(box, sel);
    }
    box.setAttribute("data-selected", sel ? sel.kind + ":" + (sel.id || sel.node) : "");
    applySearch();
  }

  function renderNode(box, n) {
    if (!n) return;
    var badge = h("span", { class: "badge", text: n.class });
    badge.style.background = classColor(n.class);
    box.appendChild(badge);
    box.appendChild(h("h2", { text: n.label }));
    var dl = h("dl", { class: "kv" });
    Object.keys(n.labels).sort().forEach(function (lang) {
      dl.appendChild(h("dt", { text: lang || "label" }));
      var dd = h("dd", { text: n.labels[lang] });
      if (lang) dd.lang = lang;
      dl.appendChild(dd);
    });
    box.appendChild(dl);
    if (n.altLabels && n.altLabels.length) {
      box.appendChild(h("h3", { text: "Also written" }));
      box.appendChild(h("p", { text: n.altLabels.join(" · ") }));
    }
    box.appendChild(h("h3", { text: "Identifiers" }));
    box.appendChild(h("div", { class: "iri", text: n.id }));
    (n.sameAs || []).forEach(function (iri) {
      var row = h("div", null, "owl:sameAs ");
      if (/^https?:\/\//.test(iri)) row.appendChild(h("a", { href: iri, target: "_blank", rel: "noopener noreferrer", text: compact(iri) }));
      else row.appendChild(h("span", { text: iri }));
      box.appendChild(row);
    });
    if (n.facts && n.facts.length) {
      box.appendChild(h("h3", { text: "Facts" }));
      var ul = h("ul", { class: "rels" });
      n.facts.forEach(function (f, i) {
        ul.appendChild(h("li", null, predPill(f.predicate), " ",
          h("button", { type: "button", text: f.value, onclick: function () { select({ kind: "fact", node: n.id, index: i }); } })));
      });
      box.appendChild(ul);
    }
    var es = state.edgesOf.get(n.id) || [];
    box.appendChild(h("h3", { text: "Relations (" + es.length + ")" }));
    var list = h("ul", { class: "rels" });
    es.forEach(function (e) {
      var out = e.source === n.id;
      var other = out ? e.target : e.source;
      var li = h("li", { "data-edge": e.id, class: state.visible.edges.has(e.id) ? "" : "muted" },
        out ? "→ " : "← ", predPill(e.predicate), " ",
        h("button", { type: "button", text: nodeName(other), title: "show the evidence", onclick: function () { select({ kind: "edge", id: e.id }); } }));
      list.appendChild(li);
    });
    box.appendChild(list);
    box.appendChild(h("h3", { text: "Documents" }));
    box.appendChild(h("p", { text: n.documents.map(docName).join(", ") }));
  }

  function renderEdge(box, e) {
    if (!e) return;
    box.appendChild(h("h2", null, nodeButton(e.source), " ", predPill(e.predicate), " ", nodeButton(e.target)));
    var en = function (id) { var n = state.nodeById.get(id); return n && n.labels && n.labels.en; };
    if (en(e.source) || en(e.target)) {
      box.appendChild(h("p", { class: "muted en", lang: "en", text: (en(e.source) || lastSegment(e.source)) + " " + e.predicate + " " + (en(e.target) || lastSegment(e.target)) }));
    }
    box.appendChild(h("p", { class: "muted", text: (e.kind === "stance" ? "stance" : "fact") + " · " + e.documents.map(docName).join(", ") }));
    renderStatements(box, e.statements, e.kind);
  }

  function renderFact(box, sel) {
    var n = state.nodeById.get(sel.node);
    var f = n && n.facts && n.facts[sel.index];
    if (!f) return;
    box.appendChild(h("h2", null, nodeButton(n.id), " ", predPill(f.predicate), " ", h("span", { text: f.value })));
    box.appendChild(h("p", { class: "muted", text: "fact · " + (f.datatype ? compact(f.datatype) + " · " : "") + f.documents.map(docName).join(", ") }));
    renderStatements(box, f.statements || [], "fact");
  }

  function renderStatements(box, ids, kind) {
    box.appendChild(h("h3", { text: "Evidence (" + ids.length + ")" }));
    if (!ids.length) {
      box.appendChild(h("p", { class: "muted", text: "No statement node records this edge." }));
      return;
    }
    var keys = h("p", { class: "keys" }, kind === "stance" ? [h("mark", { class: "trigger", text: "trigger" }), " "] : [h("mark", { class: "subject", text: "subject" }), " "],
      h("mark", { class: "target", text: kind === "stance" ? "target" : "object" }));
    box.appendChild(keys);
    ids.forEach(function (id) {
      var st = state.stmtById.get(id);
      if (!st) return;
      var meta = [docName(st.document)];
      if (st.paragraph) meta.push("¶ " + st.paragraph);
      if (st.rule) meta.push("rule " + st.rule);
      var div = h("div", { class: "statement", "data-statement": st.id },
        h("div", { class: "meta" }, meta.join(" · "), st.negated ? [" · ", h("span", { class: "negated", text: "negated" })] : null),
        markedSentence(st));
      box.appendChild(div);
    });
  }

  // markedSentence returns the sentence with the trigger, the target (or a
  // fact's object) and a fact's subject in <mark>s. Offsets are code points
  // of the document's text; the sentence starts at charStart.
  function markedSentence(st) {
    var cs = chars(st.sentence);
    var cls = cs.map(function () { return ""; });
    var base = st.charStart != null ? st.charStart : 0;
    function paint(start, end, name) {
      for (var i = Math.max(0, start - base); i < Math.min(cs.length, end - base); i++) cls[i] = name;
    }
    if (st.targetStart != null && st.targetEnd != null) paint(st.targetStart, st.targetEnd, "target");
    if (st.kind === "fact" && st.subjectStart != null) {
      var n = state.nodeById.get(st.subject), rel = st.subjectStart - base;
      if (n) {
        var names = Object.keys(n.labels).map(function (k) { return n.labels[k]; }).concat(n.altLabels || []);
        names.sort(function (a, b) { return chars(b).length - chars(a).length; });
        for (var i = 0; i < names.length; i++) {
          var l = chars(names[i]).length;
          if (l && cs.slice(rel, rel + l).join("") === names[i]) { paint(st.subjectStart, st.subjectStart + l, "subject"); break; }
        }
      }
    }
    if (st.trigger && st.triggerStart != null) paint(st.triggerStart, st.triggerStart + chars(st.trigger).length, "trigger");
    var p = h("p", { class: "sentence", lang: "zh" });
    var i0 = 0;
    for (var i = 1; i <= cs.length; i++) {
      if (i < cs.length && cls[i] === cls[i0]) continue;
      var text = cs.slice(i0, i).join("");
      p.appendChild(cls[i0] ? h("mark", { class: cls[i0], text: text }) : document.createTextNode(text));
      i0 = i;
    }
    return p;
  }

  // ---- Gizmo console ----
  function setupConsole() {
    var toggle = $("console-toggle"), body = $("console-body");
    toggle.addEventListener("click", function () {
      var open = body.hidden;
      body.hidden = !open;
      toggle.setAttribute("aria-expanded", String(open));
      if (open && !miniView) miniView = new GraphView($("gizmo-graph"), { mini: true, onNode: function (id) { if (state.nodeById.has(id)) select({ kind: "node", id: id }); } });
    });
    var sel = $("gizmo-example"), ta = $("gizmo-query");
    EXAMPLES.forEach(function (ex, i) { sel.appendChild(h("option", { value: String(i), text: ex[0] })); });
    sel.addEventListener("change", function () { ta.value = EXAMPLES[+sel.value][1]; });
    ta.value = EXAMPLES[0][1];
    $("gizmo-run").addEventListener("click", runQuery);
    ta.addEventListener("keydown", function (evt) {
      if (evt.key === "Enter" && (evt.ctrlKey || evt.metaKey)) { evt.preventDefault(); runQuery(); }
    });
  }

  function runQuery() {
    var status = $("gizmo-status");
    status.className = "muted";
    status.textContent = "running…";
    var t0 = performance.now();
    fetch("/api/v2/query?lang=gizmo", { method: "POST", body: $("gizmo-query").value, headers: { "Content-Type": "text/plain", "Accept": "application/json" } })
      .then(function (r) { return r.json().then(function (j) { return { ok: r.ok, status: r.status, body: j }; }); })
      .then(function (res) {
        var ms = Math.round(performance.now() - t0);
        if (!res.ok || res.body.error) {
          status.className = "error";
          status.textContent = "error " + res.status + ": " + (res.body.error || "unknown");
          showResults([]);
          return;
        }
        var rows = res.body.result || [];
        status.textContent = rows.length + " result" + (rows.length === 1 ? "" : "s") + " in " + ms + " ms";
        showResults(rows);
      })
      .catch(function (err) {
        status.className = "error";
        status.textContent = "error: " + err.message;
      });
  }

  function iriOfValue(v) {
    return typeof v === "string" && v.charAt(0) === "<" && v.charAt(v.length - 1) === ">" ? v.slice(1, -1) : null;
  }

  function cell(v) {
    var td = h("td");
    if (v === null || v === undefined) return td;
    if (typeof v !== "string") { td.appendChild(h("code", { text: JSON.stringify(v) })); return td; }
    var iri = iriOfValue(v);
    if (!iri) { td.textContent = v; return td; }
    td.appendChild(h("span", { class: "iri", text: compact(iri), title: iri }));
    if (state.nodeById.has(iri)) td.appendChild(h("span", { class: "lbl", text: nodeName(iri) }));
    return td;
  }

  function showResults(rows) {
    var table = $("gizmo-table");
    clear(table);
    var cols = [], seen = new Set(), objects = rows.filter(function (r) { return r && typeof r === "object" && !Array.isArray(r); });
    ["id", "source", "target"].concat([].concat.apply([], objects.map(Object.keys))).forEach(function (k) {
      if (!seen.has(k) && objects.some(function (r) { return k in r; })) { seen.add(k); cols.push(k); }
    });
    if (objects.length === rows.length && cols.length) {
      table.appendChild(h("thead", null, h("tr", null, cols.map(function (c) { return h("th", { text: c }); }))));
      var tb = h("tbody");
      rows.slice(0, 1000).forEach(function (r) { tb.appendChild(h("tr", null, cols.map(function (c) { return cell(r[c]); }))); });
      table.appendChild(tb);
    } else {
      var tb2 = h("tbody");
      rows.slice(0, 1000).forEach(function (r) { tb2.appendChild(h("tr", null, h("td", null, h("code", { text: JSON.stringify(r) })))); });
      table.appendChild(tb2);
    }
    table.setAttribute("data-rows", String(rows.length));
    drawSubgraph(objects);
  }

  // drawSubgraph draws a result as a graph: by Cayley's convention, the
  // tags "source" and "target" are the ends of an edge (a "predicate" tag,
  // if any, names it); a result without them draws its "id" nodes and the
  // relations between them.
  function drawSubgraph(rows) {
    if (!miniView) return;
    var nodes = new Map(), edges = new Map();
    function addNode(v) {
      var key = typeof v === "string" ? v : JSON.stringify(v);
      if (nodes.has(key)) return key;
      var iri = iriOfValue(key), n = iri && state.nodeById.get(iri);
      nodes.set(key, n ? { id: iri, label: nodeName(iri), cls: n.class, title: titleOf(n) }
        : { id: iri || key, label: iri ? compact(iri) : key, cls: "", color: "#c8c8c8", title: iri || key });
      return key;
    }
    var hasPairs = rows.some(function (r) { return "source" in r && "target" in r; });
    if (hasPairs) {
      rows.forEach(function (r) {
        if (!("source" in r) || !("target" in r)) return;
        var a = nodes.get(addNode(r.source)).id, b = nodes.get(addNode(r.target)).id;
        var pred = iriOfValue(r.predicate || "");
        var name = pred ? pred.replace(/^.*[#\/]/, "") : null;
        if (!name) {
          var found = (state.edgesOf.get(a) || []).find(function (e) { return e.source === a && e.target === b; });
          name = found ? found.predicate : "related";
        }
        var k = a + "|" + name + "|" + b;
        if (!edges.has(k)) edges.set(k, { id: "q" + edges.size, source: a, target: b, predicate: name, kind: (state.data.predicates.find(function (p) { return p.name === name; }) || {}).kind || "stance" });
      });
    } else {
      rows.forEach(function (r) { if (r.id !== undefined && iriOfValue(r.id) && state.nodeById.has(iriOfValue(r.id))) addNode(r.id); });
      var ids = new Set(Array.from(nodes.values()).map(function (n) { return n.id; }));
      state.data.edges.forEach(function (e) {
        if (ids.has(e.source) && ids.has(e.target)) edges.set(e.id, { id: "q" + edges.size, source: e.source, target: e.target, predicate: e.predicate, kind: e.kind });
      });
    }
    miniView.pos = new Map();
    miniView.fitted = false;
    miniView.draw(Array.from(nodes.values()), Array.from(edges.values()));
  }

  // ---- start ----
  function init(data) {
    state.data = data;
    data.nodes.forEach(function (n) { state.nodeById.set(n.id, n); });
    data.statements.forEach(function (st) { state.stmtById.set(st.id, st); });
    data.edges.forEach(function (e) {
      state.edgeById.set(e.id, e);
      [e.source, e.target].forEach(function (id) {
        if (!state.edgesOf.has(id)) state.edgesOf.set(id, []);
        if (e.source !== e.target || id === e.source) state.edgesOf.get(id).push(e);
      });
    });
    mainView = new GraphView($("graph"), {
      onNode: function (id) { select({ kind: "node", id: id }); },
      onEdge: function (id) { select({ kind: "edge", id: id }); },
      onBackground: function () { select(null); },
    });
    buildFilters();
    $("opt-unlinked").addEventListener("change", function (evt) { state.unlinked = evt.target.checked; redraw(); });
    $("opt-english").addEventListener("change", function (evt) { state.english = evt.target.checked; redraw(); if (state.selection) select(state.selection); });
    $("relayout").addEventListener("click", function () { mainView.pos = new Map(); mainView.fitted = false; redraw(); });
    var search = $("search");
    search.addEventListener("input", function () { state.search = search.value; applySearch(); });
    search.addEventListener("keydown", function (evt) {
      if (evt.key !== "Enter") return;
      var m = searchMatches(search.value);
      if (!m) return;
      var first = Array.from(m).find(function (id) { return state.visible.nodes.has(id); }) || Array.from(m)[0];
      if (first) { select({ kind: "node", id: first }); mainView.centerOn(first); }
    });
    setupConsole();
    redraw();
  }

  function fail(what, err) {
    var svg = $("graph");
    svg.setAttribute("data-status", "error");
    $("summary").textContent = "could not load " + what + ": " + err.message;
  }

  // standalone sets the page up as the file of accord viz: there is no
  // server, so the Gizmo console cannot run; it says so instead.
  function standalone() {
    state.standalone = true;
    document.body.classList.add("standalone");
    var toggle = $("console-toggle");
    toggle.disabled = true;
    toggle.setAttribute("aria-expanded", "false");
    $("console-body").hidden = true;
    var note = $("console-note");
    clear(note);
    append(note, ["The Gizmo console needs a server: run ", h("code", { text: "accord serve" }),
      " on the store and open its page. This file (written by ", h("code", { text: "accord viz" }), ") holds the graph only."]);
  }

  document.addEventListener("DOMContentLoaded", function () {
    // accord viz puts the data in the page; accord serve serves it.
    var inline = $("graph-data");
    if (inline) {
      standalone();
      try { init(JSON.parse(inline.textContent)); } catch (err) { fail("the graph data in this file", err); }
      return;
    }
    // ?doc=ID draws one document (the way into a store too large to
    // draw whole)
    state.docParam = new URLSearchParams(location.search).get("doc");
    var url = "/graph.json" + (state.docParam ? "?doc=" + encodeURIComponent(state.docParam) : "");
    fetch(url, { headers: { "Accept": "application/json" } })
      .then(function (r) {
        if (!r.ok) return r.json().then(function (j) { throw new Error(j.error || r.statusText); });
        return r.json();
      })
      .then(init)
      .catch(function (err) { fail(url, err); });
  });
})();
