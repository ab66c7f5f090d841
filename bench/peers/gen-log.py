#!/usr/bin/env python3
"""Writes a deterministic nginx/Apache combined access log with attacks mixed in (seeded)."""
import random, sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000000
out = sys.argv[2] if len(sys.argv) > 2 else "access.log"
rnd = random.Random(38249)
benign = ["/", "/index.html", "/xxgk/index.shtml", "/zwgk/tzgg/202405/t20240512_1234.html", "/static/css/main.css?v=3",
          "/static/js/jquery.min.js", "/images/banner_2024.jpg", "/search?q=union+station", "/news/list.php?id=1024&page=3",
          "/search?q=%E6%94%BF%E5%BA%9C%E4%BF%A1%E6%81%AF%E5%85%AC%E5%BC%80", "/article.jsp?id=88&lang=zh",
          "/?utm_source=wechat&utm_medium=social&utm_campaign=2024_policy&utm_content=banner_top",
          "/api/session?token=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV",
          "/download.do;jsessionid=8A3F9C1E2B?file=report_2024.pdf", "/search?q=select+a+school"]
attacks = ["/news/list.php?id=1%20union%20select%201,2,database()--", "/search?q=%3Cscript%3Ealert(1)%3C/script%3E",
           "/download.php?file=../../../../etc/passwd", "/ping.php?ip=127.0.0.1%3Bid", "/a?x=%2524%257Bjndi:ldap://x/a%257D",
           "/news/list.php?id=1%27%20or%20%271%27=%271", "/uploads/2024/x.php", "/a?id=1%20and%20sleep(5)"]
agents = ["Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36",
          "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 MicroMessenger/8.0.49",
          "Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)"]
months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
with open(out, "w", encoding="ascii") as f:
    t = 0
    for i in range(n):
        t += rnd.randint(0, 2)
        day, rem = divmod(t, 86400)
        ts = "%02d/%s/2024:%02d:%02d:%02d +0800" % (1 + day % 28, months[4], rem // 3600, rem % 3600 // 60, rem % 60)
        ip = "%d.%d.%d.%d" % (rnd.randint(1, 223), rnd.randint(0, 255), rnd.randint(0, 255), rnd.randint(1, 254))
        ua = agents[rnd.randrange(3)]
        method, status = "GET", 200
        if i % 100 == 0:
            target = attacks[rnd.randrange(len(attacks))]
            if target.startswith("/uploads"):
                method = "POST"
        elif i % 1000 == 1:
            target, ua = "/", "sqlmap/1.7.2#stable (https://sqlmap.org)"
        else:
            target = benign[rnd.randrange(len(benign))]
            if rnd.randrange(20) == 0:
                status = 404
        f.write('%s - - [%s] "%s %s HTTP/1.1" %d %d "https://www.example.gov.cn/" "%s"\n' % (ip, ts, method, target, status, rnd.randint(200, 90000), ua))
