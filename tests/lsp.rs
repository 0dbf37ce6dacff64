//! `attrib lsp` end to end: the real binary, spoken to over its stdin and
//! stdout in Content-Length framed JSON-RPC, as an editor does. Every wait
//! has a timeout, so a server that hangs fails the test instead of hanging it.
//! The article is fictional (tests/corpus/README.md).

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

const TIMEOUT: Duration = Duration::from_secs(30);

/// A loaded verb and a late full name on line 2, an unattributed quote on line 4.
const STORY: &str = "# Pier vote\n\n\
                     Ångström claimed the pier would reopen in May.\n\n\
                     The pier has been shut since the March storm, and the ferry lands at the old slipway.\n\n\
                     “We have waited long enough for this pier to open again.”\n\n\
                     Zoë Ångström, the harbour master, said the repairs would cost more than planned.\n";

struct Client {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Value>,
    /// Notifications received while waiting for something else.
    backlog: Vec<Value>,
    next_id: i64,
}

fn read_frame(out: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if out.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(value) = line.strip_prefix("Content-Length: ") {
            length = value.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    out.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

impl Client {
    fn spawn(dir: &Path, extra: &[&str]) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_attrib"))
            .arg("lsp")
            .args(["--debounce-ms", "50"])
            .args(extra)
            .current_dir(dir)
            .env("XDG_CACHE_HOME", dir.join("cache"))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("attrib lsp starts");
        let stdin = child.stdin.take().unwrap();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let (sender, messages) = mpsc::channel();
        std::thread::spawn(move || {
            while let Some(message) = read_frame(&mut stdout) {
                if sender.send(message).is_err() {
                    break;
                }
            }
        });
        Client {
            child,
            stdin,
            messages,
            backlog: Vec::new(),
            next_id: 1,
        }
    }

    fn send_raw(&mut self, body: &str) {
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        let message = json!({"jsonrpc": "2.0", "method": method, "params": params});
        self.send_raw(&message.to_string());
    }

    /// Send a request and wait for its response (the whole response object).
    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        let message = json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params});
        self.send_raw(&message.to_string());
        self.wait(
            |m| m["id"] == id && m.get("method").is_none(),
            &format!("the response to {method}"),
        )
    }

    /// The first message (new, or kept from before) that `wanted` accepts.
    fn wait(&mut self, wanted: impl Fn(&Value) -> bool, what: &str) -> Value {
        if let Some(i) = self.backlog.iter().position(&wanted) {
            return self.backlog.remove(i);
        }
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let message = self
                .messages
                .recv_timeout(left)
                .unwrap_or_else(|_| panic!("no {what} within {TIMEOUT:?}; got {:#?}", self.backlog));
            if wanted(&message) {
                return message;
            }
            self.backlog.push(message);
        }
    }

    /// The diagnostics published for `uri` at `version`.
    fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let message = self.wait(
            |m| {
                m["method"] == "textDocument/publishDiagnostics"
                    && m["params"]["uri"] == uri
                    && m["params"]["version"] == version
            },
            &format!("diagnostics for {uri} version {version}"),
        );
        message["params"]["diagnostics"].as_array().unwrap().clone()
    }

    fn initialize(&mut self, encodings: Value) -> Value {
        let response = self.request(
            "initialize",
            json!({"processId": null, "rootUri": null,
                   "capabilities": {"general": {"positionEncodings": encodings}}}),
        );
        self.notify("initialized", json!({}));
        response
    }

    fn open(&mut self, uri: &str, language: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": language, "version": 1, "text": text}}),
        );
    }

    /// Shut down and exit; the exit status's code.
    fn shut_down(mut self) -> Option<i32> {
        let response = self.request("shutdown", Value::Null);
        assert!(response.get("error").is_none(), "{response}");
        self.notify("exit", Value::Null);
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.code();
            }
            assert!(Instant::now() < deadline, "the server did not exit within {TIMEOUT:?}");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn file_uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

fn codes(diagnostics: &[Value]) -> Vec<&str> {
    diagnostics.iter().map(|d| d["code"].as_str().unwrap()).collect()
}

fn range(diagnostic: &Value) -> [u64; 4] {
    let r = &diagnostic["range"];
    [
        r["start"]["line"].as_u64().unwrap(),
        r["start"]["character"].as_u64().unwrap(),
        r["end"]["line"].as_u64().unwrap(),
        r["end"]["character"].as_u64().unwrap(),
    ]
}

fn position(line: u64, character: u64) -> Value {
    json!({"line": line, "character": character})
}

#[test]
fn an_editor_session() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path().canonicalize().unwrap();
    let story = dir.join("story.md");
    std::fs::write(&story, STORY).unwrap();
    let uri = file_uri(&story);
    let mut client = Client::spawn(&dir, &[]);

    let init = client.initialize(json!(["utf-16"]));
    assert_eq!(init["result"]["capabilities"]["positionEncoding"], "utf-16");
    assert_eq!(init["result"]["serverInfo"]["name"], "attrib");

    client.open(&uri, "markdown", STORY);
    let found = client.diagnostics(&uri, 1);
    assert_eq!(codes(&found), ["late-full-name", "loaded-verb", "unattributed-quote"]);
    // UTF-16 columns: "Ångström" is 8 units, "claimed" 9..16; the quote's
    // span (as `attrib check` gives it) runs from its opening mark to its last
    // word's full stop, 56 units.
    assert_eq!(range(&found[0]), [2, 0, 2, 8]);
    assert_eq!(range(&found[1]), [2, 9, 2, 16]);
    assert_eq!(range(&found[2]), [6, 0, 6, 56]);
    assert_eq!(found[1]["severity"], 3);
    assert_eq!(found[0]["severity"], 3);
    assert_eq!(found[2]["severity"], 1);
    assert!(found.iter().all(|d| d["source"] == "attrib"));
    assert_eq!(
        found[0]["relatedInformation"][0]["location"]["range"]["start"],
        position(8, 0)
    );
    // The link opens `attrib explain loaded-verb`, written for this version.
    let href = found[1]["codeDescription"]["href"].as_str().unwrap();
    let page = href.strip_prefix("file://").expect("a file link");
    assert!(page.ends_with("/loaded-verb.md"), "{href}");
    assert!(std::fs::read_to_string(page).unwrap().starts_with("# loaded-verb"));

    // Hover on the verb: the check's explanation; on the surname: the speaker too.
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": position(2, 11)}),
    );
    let text = hover["result"]["contents"]["value"].as_str().unwrap();
    assert!(
        text.contains("**loaded-verb**") && text.contains("## What it does"),
        "{text}"
    );
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": position(2, 3)}),
    );
    let text = hover["result"]["contents"]["value"].as_str().unwrap();
    assert!(text.contains("**Speaker**: Zoë Ångström"), "{text}");
    assert!(text.contains("role: the harbour master"), "{text}");

    // The quick fix for the verb.
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri},
               "range": {"start": position(2, 9), "end": position(2, 16)},
               "context": {"diagnostics": [found[1].clone()]}}),
    );
    let actions = actions["result"].as_array().unwrap();
    let fix = actions
        .iter()
        .find(|a| a["title"] == "Replace “claimed” with “said”")
        .unwrap_or_else(|| panic!("{actions:#?}"));
    assert_eq!(
        fix["edit"]["changes"][&uri],
        json!([{"range": {"start": position(2, 9), "end": position(2, 16)}, "newText": "said"}])
    );
    assert!(actions
        .iter()
        .any(|a| a["title"].as_str().unwrap().starts_with("Suppress loaded-verb")));

    // The edit typed in the editor: the loaded verb is gone, the rest stays.
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2},
               "contentChanges": [{"range": {"start": position(2, 9), "end": position(2, 16)}, "text": "said"}]}),
    );
    let found = client.diagnostics(&uri, 2);
    assert_eq!(codes(&found), ["late-full-name", "unattributed-quote"]);

    // Malformed input gets error responses, and the server stays up.
    client.send_raw("{not json");
    let error = client.wait(|m| m["id"].is_null() && m.get("error").is_some(), "a parse error");
    assert_eq!(error["error"]["code"], -32700);
    let unknown = client.request("attrib/nothing", json!({}));
    assert_eq!(unknown["error"]["code"], -32601);
    let bad = client.request("textDocument/hover", json!({"position": "here"}));
    assert_eq!(bad["error"]["code"], -32602);
    client.notify("textDocument/didChange", json!({"nonsense": true}));
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": position(2, 3)}),
    );
    assert!(hover["result"]["contents"]["value"]
        .as_str()
        .unwrap()
        .contains("Zoë Ångström"));

    assert_eq!(client.shut_down(), Some(0));
}

#[test]
fn rule_files_are_validated_and_reapplied_on_save() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path().canonicalize().unwrap();
    let story = dir.join("story.txt");
    let config = dir.join("attrib.yaml");
    std::fs::write(&story, STORY).unwrap();
    let (story_uri, config_uri) = (file_uri(&story), file_uri(&config));
    let mut client = Client::spawn(&dir, &[]);
    let init = client.initialize(json!(["utf-8", "utf-16"]));
    assert_eq!(init["result"]["capabilities"]["positionEncoding"], "utf-8");

    client.open(&story_uri, "plaintext", STORY);
    let found = client.diagnostics(&story_uri, 1);
    assert!(codes(&found).contains(&"late-full-name"));
    // UTF-8 columns: "Ångström " is 11 bytes.
    assert_eq!(range(&found[1])[1], 11);

    // A rule author's typo, reported where it is as it is typed.
    let broken = "checks:\n  late-full-name: of\n";
    client.open(&config_uri, "yaml", broken);
    let problems = client.diagnostics(&config_uri, 1);
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert_eq!(problems[0]["code"], "rules");
    assert_eq!(range(&problems[0])[..2], [1, 18]);
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": config_uri, "version": 2},
               "contentChanges": [{"range": {"start": position(1, 18), "end": position(1, 20)}, "text": "off"}]}),
    );
    assert_eq!(client.diagnostics(&config_uri, 2), Vec::<Value>::new());

    // Saved: the open article is checked again with the new rules.
    std::fs::write(&config, "checks:\n  late-full-name: off\n").unwrap();
    client.notify("textDocument/didSave", json!({"textDocument": {"uri": config_uri}}));
    let found = client.diagnostics(&story_uri, 1);
    assert!(!codes(&found).contains(&"late-full-name"), "{found:#?}");
    assert!(codes(&found).contains(&"loaded-verb"));

    assert_eq!(client.shut_down(), Some(0));
}

#[test]
fn exit_without_shutdown_is_code_one_and_requests_before_initialize_fail() {
    let dir = tempfile::tempdir().unwrap();
    let mut client = Client::spawn(dir.path(), &[]);
    let early = client.request("textDocument/hover", json!({}));
    assert_eq!(early["error"]["code"], -32002);
    client.initialize(json!([]));
    client.notify("exit", Value::Null);
    let deadline = Instant::now() + TIMEOUT;
    let status = loop {
        if let Some(status) = client.child.try_wait().unwrap() {
            break status;
        }
        assert!(Instant::now() < deadline, "no exit");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(status.code(), Some(1));
}
