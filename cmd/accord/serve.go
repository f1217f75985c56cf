package main

import (
	"fmt"
	"log"
	"net"
	"os/signal"
	"syscall"

	"github.com/urfave/cli/v2"

	"github.com/accordkg/accord/graph"
	"github.com/accordkg/accord/graph/serve"
)

func newServeCmd() *cli.Command {
	return &cli.Command{
		Name:  "serve",
		Usage: "serve the relations page and Cayley's HTTP API v2 (read-only) over the store",
		Description: "The page at / draws the entities and relations as a graph, with filters, a search\n" +
			"box, the sentence behind every edge and a Gizmo console. Cayley clients use\n" +
			"/api/v2/query?lang=gizmo and /api/v2/read; the page's data is /graph.json\n" +
			"(docs/serve.md). The store is opened read-only; --writable mounts Cayley's write\n" +
			"and delete endpoints, which then need \"Authorization: Bearer TOKEN\". --memory serves a copy of\n" +
			"the store in memory, made at start when it fits: queries run several times faster. Stop with Ctrl+C.\n\n" +
			"Example:\n" +
			"   accord build datasets/ && accord serve\n" +
			"   curl -s 'http://127.0.0.1:7474/api/v2/query?lang=gizmo' \\\n" +
			"     --data 'g.V(\"<https://w3id.org/accord/id/group/sco-member-states>\").Out(\"<https://w3id.org/accord/ns#reaffirms>\").All()'",
		Flags: []cli.Flag{
			dbFlag(),
			&cli.StringFlag{Name: "addr", Value: serve.DefaultAddr, Usage: "listen on this host:port (port 0: any free port)"},
			&cli.DurationFlag{Name: "query-timeout", Value: serve.DefaultQueryTimeout, Usage: "stop a query that runs longer"},
			&cli.IntFlag{Name: "limit", Value: serve.DefaultLimit, Usage: "at most this many results per query"},
			maxGraphQuadsFlag("the relations page draws the whole store up to this many quads; above, it lists the documents and draws the one picked"),
			&cli.BoolFlag{Name: "writable", Usage: "mount Cayley's write and delete endpoints, guarded by --token"},
			&cli.StringFlag{Name: "token", EnvVars: []string{"ACCORD_TOKEN"}, Usage: "the bearer token that write requests must carry (with --writable)"},
			memoryFlag(),
		},
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return usageError("serve: takes no arguments (the store is --db)")
			}
			if c.Duration("query-timeout") <= 0 {
				return usageError("serve: --query-timeout must be positive")
			}
			if c.Int("limit") <= 0 {
				return usageError("serve: --limit must be positive")
			}
			writable := c.Bool("writable")
			if writable && c.String("token") == "" {
				return usageError("serve: %v", serve.ErrNoToken)
			}
			if writable && c.Bool("memory") {
				return usageError("serve: --memory serves a read-only copy; it cannot be --writable")
			}
			st, err := openStore(c, graph.Options{ReadOnly: !writable, ReadCache: graph.DefaultReadCache})
			if err != nil {
				return err
			}
			defer st.Close()
			served := st
			if !writable {
				// nothing writes the store: queries may remember hops
				st.CacheHops()
				if c.Bool("memory") {
					if served, err = copyToMemory(c.Context, st, c.App.ErrWriter); err != nil {
						return err
					}
				}
			}
			ln, err := net.Listen("tcp", c.String("addr"))
			if err != nil {
				return fmt.Errorf("serve: %w", err)
			}
			logger := log.New(c.App.ErrWriter, "", log.LstdFlags)
			if tcp, ok := ln.Addr().(*net.TCPAddr); ok && !tcp.IP.IsLoopback() {
				logger.Printf("warning: listening on %s: anyone who can reach this address can query the store (there is no authentication)", ln.Addr())
			}
			srv := serve.New(served, serve.Options{
				QueryTimeout:  c.Duration("query-timeout"),
				Limit:         c.Int("limit"),
				Log:           logger,
				Writable:      writable,
				Token:         c.String("token"),
				MaxGraphQuads: c.Int64("max-graph-quads"),
			})
			ctx, stop := signal.NotifyContext(c.Context, syscall.SIGINT, syscall.SIGTERM)
			defer stop()
			mode := "read-only"
			switch {
			case writable:
				mode = "writable with a token"
			case served != st:
				mode = "read-only, copied into memory"
			}
			fmt.Fprintf(c.App.Writer, "serving %s (%s, %s) on http://%s/\n", st.Spec, st.Backend, mode, ln.Addr())
			if err := srv.Serve(ctx, ln); err != nil {
				return err
			}
			logger.Printf("stopped")
			return nil
		},
	}
}
