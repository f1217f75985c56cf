// force.js — a small force-directed layout for the relations page (no
// dependencies). Nodes repel each other (Barnes–Hut approximation on a
// quadtree), links pull their ends towards a rest length, a weak gravity
// keeps separate components together, and a collision force keeps nodes
// (with their labels) apart. The simulation cools down like d3-force's:
// alpha decays from 1 to alphaMin in about 300 ticks.
"use strict";

window.ForceLayout = (function () {
  function Quad(x0, y0, x1, y1) {
    this.x0 = x0; this.y0 = y0; this.x1 = x1; this.y1 = y1;
    this.node = null; this.kids = null;
    this.mass = 0; this.cx = 0; this.cy = 0;
  }
  Quad.prototype.insert = function (n, depth) {
    if (this.kids === null && this.node === null && this.mass === 0) {
      this.node = n; this.mass = 1; this.cx = n.x; this.cy = n.y;
      return;
    }
    if (this.kids === null) {
      if (depth > 40) { // coincident points: just add the mass
        this.cx = (this.cx * this.mass + n.x) / (this.mass + 1);
        this.cy = (this.cy * this.mass + n.y) / (this.mass + 1);
        this.mass++;
        return;
      }
      var old = this.node;
      this.node = null;
      var mx = (this.x0 + this.x1) / 2, my = (this.y0 + this.y1) / 2;
      this.kids = [
        new Quad(this.x0, this.y0, mx, my), new Quad(mx, this.y0, this.x1, my),
        new Quad(this.x0, my, mx, this.y1), new Quad(mx, my, this.x1, this.y1),
      ];
      var m = this.mass;
      this.mass = 0; this.cx = 0; this.cy = 0;
      this.child(old).insert(old, depth + 1);
      this.mass = m; this.cx = old.x; this.cy = old.y;
    }
    this.cx = (this.cx * this.mass + n.x) / (this.mass + 1);
    this.cy = (this.cy * this.mass + n.y) / (this.mass + 1);
    this.mass++;
    this.child(n).insert(n, depth + 1);
  };
  Quad.prototype.child = function (n) {
    var mx = (this.x0 + this.x1) / 2, my = (this.y0 + this.y1) / 2;
    return this.kids[(n.x >= mx ? 1 : 0) + (n.y >= my ? 2 : 0)];
  };

  function jiggle() { return (Math.random() - 0.5) * 1e-6; }

  // Simulation holds nodes ({id, r, x, y, vx, vy, fx, fy}) and links
  // ({source, target} as node objects).
  function Simulation(nodes, links, opts) {
    opts = opts || {};
    this.nodes = nodes;
    this.links = links;
    this.charge = opts.charge || -320;
    this.linkDistance = opts.linkDistance || 90;
    this.gravity = opts.gravity || 0.06;
    this.theta2 = 0.81;
    this.alpha = 1;
    this.alphaMin = 0.001;
    this.alphaDecay = 1 - Math.pow(this.alphaMin, 1 / 300);
    this.velocityDecay = 0.55;
    this.padding = opts.padding || 6;
    var deg = {};
    nodes.forEach(function (n) { deg[n.id] = 0; });
    links.forEach(function (l) { deg[l.source.id]++; deg[l.target.id]++; });
    links.forEach(function (l) {
      var a = deg[l.source.id], b = deg[l.target.id];
      l.strength = 1 / Math.min(a, b);
      l.bias = a / (a + b);
    });
    // Start on a phyllotaxis spiral, as d3 does: no two nodes coincide.
    var init = Math.PI * (3 - Math.sqrt(5));
    nodes.forEach(function (n, i) {
      if (n.x === undefined || isNaN(n.x)) {
        var rad = 14 * Math.sqrt(0.5 + i), ang = i * init;
        n.x = rad * Math.cos(ang); n.y = rad * Math.sin(ang);
      }
      n.vx = n.vx || 0; n.vy = n.vy || 0;
    });
  }

  Simulation.prototype.tick = function () {
    var nodes = this.nodes, alpha = this.alpha, i, n;
    // links
    for (i = 0; i < this.links.length; i++) {
      var l = this.links[i], s = l.source, t = l.target;
      if (s === t) continue;
      var x = t.x + t.vx - s.x - s.vx || jiggle();
      var y = t.y + t.vy - s.y - s.vy || jiggle();
      var d = Math.sqrt(x * x + y * y);
      var dist = l.distance || this.linkDistance;
      d = (d - dist) / d * alpha * l.strength;
      x *= d; y *= d;
      t.vx -= x * l.bias; t.vy -= y * l.bias;
      s.vx += x * (1 - l.bias); s.vy += y * (1 - l.bias);
    }
    // many-body repulsion on a quadtree
    if (nodes.length > 1) {
      var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
      for (i = 0; i < nodes.length; i++) {
        n = nodes[i];
        if (n.x < x0) x0 = n.x; if (n.y < y0) y0 = n.y;
        if (n.x > x1) x1 = n.x; if (n.y > y1) y1 = n.y;
      }
      var size = Math.max(x1 - x0, y1 - y0) + 1;
      var root = new Quad(x0, y0, x0 + size, y0 + size);
      for (i = 0; i < nodes.length; i++) root.insert(nodes[i], 0);
      var strength = this.charge, theta2 = this.theta2;
      var apply = function (q, n) {
        if (q.mass === 0 || q.node === n) return;
        var dx = q.cx - n.x, dy = q.cy - n.y, w = q.x1 - q.x0;
        var l2 = dx * dx + dy * dy;
        if (q.kids === null || (w * w) / theta2 < l2) {
          if (q.kids === null && q.node === n) return;
          if (l2 < 1) { dx = jiggle() || 1e-3; dy = jiggle(); l2 = 1; }
          var f = strength * q.mass * alpha / l2;
          n.vx += dx * f; n.vy += dy * f;
          return;
        }
        for (var k = 0; k < 4; k++) apply(q.kids[k], n);
      };
      for (i = 0; i < nodes.length; i++) apply(root, nodes[i]);
    }
    // gravity towards the origin
    for (i = 0; i < nodes.length; i++) {
      n = nodes[i];
      n.vx -= n.x * this.gravity * alpha;
      n.vy -= n.y * this.gravity * alpha;
    }
    // collisions (all pairs when small; a grid otherwise)
    this.collide();
    // integrate
    for (i = 0; i < nodes.length; i++) {
      n = nodes[i];
      if (n.fx != null) { n.x = n.fx; n.vx = 0; } else { n.vx *= this.velocityDecay; n.x += n.vx; }
      if (n.fy != null) { n.y = n.fy; n.vy = 0; } else { n.vy *= this.velocityDecay; n.y += n.vy; }
    }
    this.alpha += (0 - this.alpha) * this.alphaDecay;
  };

  Simulation.prototype.collide = function () {
    var nodes = this.nodes, pad = this.padding, cell = 0, i;
    for (i = 0; i < nodes.length; i++) cell = Math.max(cell, 2 * (nodes[i].cr || nodes[i].r) + pad);
    var grid = {};
    for (i = 0; i < nodes.length; i++) {
      var n = nodes[i];
      var key = Math.floor(n.x / cell) + ":" + Math.floor(n.y / cell);
      (grid[key] = grid[key] || []).push(n);
    }
    for (i = 0; i < nodes.length; i++) {
      var a = nodes[i];
      var gx = Math.floor(a.x / cell), gy = Math.floor(a.y / cell);
      for (var ox = -1; ox <= 1; ox++) {
        for (var oy = -1; oy <= 1; oy++) {
          var bucket = grid[(gx + ox) + ":" + (gy + oy)];
          if (!bucket) continue;
          for (var j = 0; j < bucket.length; j++) {
            var b = bucket[j];
            if (b.index <= a.index) continue;
            var ra = (a.cr || a.r), rb = (b.cr || b.r);
            // Labels are wider than tall: keep nodes further apart
            // horizontally than vertically.
            var dx = (a.x + a.vx) - (b.x + b.vx), dy = (a.y + a.vy) - (b.y + b.vy);
            var minx = ra + rb + pad, miny = (ra + rb) * 0.55 + pad;
            var nx = dx / minx, ny = dy / miny;
            var l2 = nx * nx + ny * ny;
            if (l2 >= 1) continue;
            var l = Math.sqrt(l2) || 1e-3;
            var push = (1 - l) / l * 0.5;
            if (l2 === 0) { dx = jiggle() || 1e-3; }
            a.vx += dx * push; a.vy += dy * push;
            b.vx -= dx * push; b.vy -= dy * push;
          }
        }
      }
    }
  };

  // run ticks the simulation until it cools down (or maxTicks).
  Simulation.prototype.run = function (maxTicks) {
    var t = 0;
    this.nodes.forEach(function (n, i) { n.index = i; });
    while (this.alpha > this.alphaMin && t < (maxTicks || 400)) { this.tick(); t++; }
    return t;
  };

  return { Simulation: Simulation };
})();
