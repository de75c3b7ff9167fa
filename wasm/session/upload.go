package session

import (
	"fmt"
	"math"
	"time"

	"hnnplay/core/data"
	"hnnplay/core/experiment"
	"hnnplay/wasm/protocol"
)

// Upload reads a data file the page read from the user's disk or a pasted
// text, {id, name, text}, with data.ReadFile, and keeps it for the fits,
// races and exports whose settings name it (the data setting): the text is
// sent once, and each fit uses the parsed set. It answers {type: "upload",
// id, name, format, about, rows, dof, error}. A file that cannot be read is
// an error naming its line and column, and the file kept before stays. An
// empty name forgets the file.
func (se *Session) Upload(req any) map[string]any {
	o := map[string]any{"type": "upload", "id": 0.0, "name": "", "format": "", "about": "", "rows": 0.0, "dof": 0.0, "error": ""}
	fail := func(err error) map[string]any {
		o["error"] = err.Error()
		return o
	}
	m, ok := req.(map[string]any)
	if !ok {
		return fail(fmt.Errorf("the upload is %T, not an object", req))
	}
	if id, ok := m["id"].(float64); ok && id == math.Trunc(id) && math.Abs(id) < 1<<53 {
		o["id"] = id
	}
	name, _ := m["name"].(string)
	text, ok := m["text"].(string)
	if name == "" {
		se.upload = nil
		return o
	}
	o["name"] = name
	if !ok {
		return fail(fmt.Errorf("%s: the upload has no text", name))
	}
	f, err := func() (f *data.File, err error) {
		defer func() {
			if p := recover(); p != nil {
				err = fmt.Errorf("cannot read it (%v)", p)
			}
		}()
		return data.ReadFile(text)
	}()
	if err != nil {
		return fail(fmt.Errorf("%s: %v", name, err))
	}
	se.upload = &experiment.Upload{Name: name, File: f}
	o["format"], o["about"], o["rows"], o["dof"] = f.Format, f.About(), float64(f.Rows), float64(f.Set.Dof)
	return o
}

// prepareUpload makes the data of s, which names an uploaded file, from the
// file kept (experiment.UploadData, holding back experiment.Holdout).
func (se *Session) prepareUpload(s experiment.Settings) (experiment.Settings, *experiment.Data, time.Duration, error) {
	if se.upload == nil || se.upload.Name != s.Data {
		return s, nil, 0, &experiment.FieldError{Key: "data", Msg: fmt.Sprintf(
			"this link was made with an uploaded file, %s, which links do not carry: upload it again", s.Data)}
	}
	t0 := se.now()
	s, d, err := experiment.UploadData(s, se.upload, experiment.Holdout, se.Limits)
	if err != nil {
		return s, nil, 0, err
	}
	return s, d, se.now().Sub(t0), nil
}

// exportSet is the set the page's "training data" download writes for the
// request r: all of an uploaded file's rows, in its order (so that the
// download, uploaded again, trains the same network), or the training set.
func (se *Session) exportSet(r protocol.Request, d *experiment.Data) *data.Set {
	if v := r.Values["data"]; v != "" && se.upload != nil && se.upload.Name == v {
		return se.upload.File.Set
	}
	return d.Train
}
