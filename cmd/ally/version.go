package main

import (
	"runtime/debug"

	"github.com/allylint/ally"
)

// versionString is the release version plus the VCS revision the binary
// was built from, when Go recorded one.
func versionString() string {
	v := ally.Version
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, s := range info.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 {
				v += " (" + s.Value[:12] + ")"
			}
		}
	}
	return v
}
