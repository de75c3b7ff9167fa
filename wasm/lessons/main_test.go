package main

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"

	"hnnplay/core/experiment"
)

// The file reads back as the lessons, with the keys lesson.mjs uses.
func TestWriteRoundTrip(t *testing.T) {
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		t.Fatal(err)
	}
	var got []experiment.Lesson
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if want := experiment.Lessons(); !reflect.DeepEqual(got, want) {
		t.Errorf("the lessons do not read back: got %d, want %d lessons", len(got), len(want))
	}
	var raw []map[string]any
	if err := json.Unmarshal(buf.Bytes(), &raw); err != nil {
		t.Fatal(err)
	}
	for i, l := range raw {
		steps, _ := l["steps"].([]any)
		if _, ok := l["title"].(string); !ok || len(steps) == 0 {
			t.Fatalf("lesson %d has no title or steps: %v", i+1, l)
		}
		for j, st := range steps {
			if _, ok := st.(map[string]any)["text"].(string); !ok {
				t.Errorf("lesson %d step %d has no text", i+1, j+1)
			}
		}
	}
}
