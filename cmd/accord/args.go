package main

import (
	"strings"

	"github.com/urfave/cli/v2"
)

// flagsFirst returns args with the flags of the (sub)command they name
// moved before its other arguments, so that `accord build datasets/ --db x`
// means what `accord build --db x datasets/` means. urfave/cli, like Go's
// flag package, stops reading flags at the first argument that is not one,
// and read the rest as file names ("stat --db: no such file").
//
// A flag's value moves with it: the next argument, unless the flag is
// written --name=value or takes no value (a bool flag). Everything after
// "--" stays an argument, as does "-" (standard input). A flag the command
// does not define moves too, so that urfave/cli reports it as such. The
// arguments keep their order; a "--" given moves before them all, since
// it was meant to end the flags.
func flagsFirst(app *cli.App, args []string) []string {
	if len(args) < 2 {
		return args
	}
	out := []string{args[0]}
	rest := args[1:]
	// the global flags, then the command and its subcommands' names
	flags := app.Flags
	cmds := app.Commands
	found := false
	for {
		i := 0
		for i < len(rest) && isFlag(rest[i]) {
			n := 1
			if takesValue(flags, rest[i]) && i+1 < len(rest) {
				n = 2
			}
			out = append(out, rest[i:i+n]...)
			i += n
		}
		if i > 0 {
			rest = rest[i:]
		}
		if len(rest) == 0 || rest[0] == "--" {
			return append(out, rest...)
		}
		c := findCommand(cmds, rest[0])
		if c == nil {
			break // the command's arguments, or an unknown command
		}
		found = true
		out = append(out, rest[0])
		rest = rest[1:]
		flags, cmds = c.Flags, c.Subcommands
		if len(cmds) == 0 {
			break
		}
	}
	if !found {
		return append(out, rest...) // urfave/cli names the unknown command
	}
	var moved, plain, after []string
	dashes := false
	for i := 0; i < len(rest); i++ {
		a := rest[i]
		if a == "--" {
			dashes, after = true, rest[i+1:]
			break
		}
		if !isFlag(a) {
			plain = append(plain, a)
			continue
		}
		moved = append(moved, a)
		if takesValue(flags, a) {
			if i+1 >= len(rest) {
				return args // its value is missing: moved, it would take a file's name
			}
			i++
			moved = append(moved, rest[i])
		}
	}
	out = append(out, moved...)
	if dashes {
		out = append(out, "--")
	}
	return append(append(out, plain...), after...)
}

// isFlag reports whether a looks like a flag: -x, --name, --name=value.
func isFlag(a string) bool {
	return len(a) > 1 && a[0] == '-' && a != "--"
}

// takesValue reports whether the flag written a is one of flags that
// takes its value from the next argument.
func takesValue(flags []cli.Flag, a string) bool {
	name := strings.TrimLeft(a, "-")
	if strings.Contains(name, "=") {
		return false
	}
	for _, f := range flags {
		for _, n := range f.Names() {
			if n == name {
				if v, ok := f.(cli.DocGenerationFlag); ok {
					return v.TakesValue()
				}
				return false
			}
		}
	}
	return false
}

// findCommand returns the command of cmds named or aliased name, or nil.
func findCommand(cmds []*cli.Command, name string) *cli.Command {
	for _, c := range cmds {
		if c.HasName(name) {
			return c
		}
	}
	return nil
}
