// Command lessons writes the guided tour, experiment.Lessons(), as the JSON
// the page's lesson.mjs reads: `make site` runs it into site/lessons.json,
// which the page fetches when the tour is first opened. So the tour's text
// costs a visit nothing until it is wanted, and worker.wasm, which every
// visit downloads, does not carry it.
//
//	go run ./wasm/lessons > site/lessons.json
package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"

	"hnnplay/core/experiment"
)

func main() {
	if err := write(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "lessons:", err)
		os.Exit(1)
	}
}

// write writes the lessons as JSON to w.
func write(w io.Writer) error {
	b, err := json.Marshal(experiment.Lessons())
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}
