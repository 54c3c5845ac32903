/* tool_httpd.c - a small HTTP/1.1 file server for the tests of `vbpack sync`
 * (tests/cli_sync.sh): a real server on 127.0.0.1, with what the tests need
 * to see and to break.
 *
 *   tool_httpd [--port P] [--cut K] [--redirect URL] [--no-range] [--idle S] DIR LOG
 *
 * Serves the files of DIR (plain names only) to GET and HEAD, honours
 * "Range: bytes=N-" with 206, answers one request per connection. Prints
 * the port it listens on (P, or one the system picks) on stdout, then
 * serves until killed. Each request is a line in LOG: "METHOD /PATH
 * STATUS FROM BYTES" (BYTES: body bytes really sent), so a test counts what
 * travelled. --cut K: after K body bytes in all, the connection is closed
 * mid-file and the server exits (a server stopped in the middle of a
 * file). --redirect URL: every request is answered "302 Found" to URL
 * followed by the path. --no-range: Range is ignored (200, the whole
 * file), as some servers do. --idle S: exits after S seconds without a request
 * (default 120), so a test gone wrong leaves nothing running.
 * Single-threaded; not for use outside the tests.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

static const char *dir, *redirect;
static FILE *logfp;
static long long cut = -1, sent_all;
static int no_range;

static void die(const char *m)
{
    fprintf(stderr, "tool_httpd: %s: %s\n", m, strerror(errno));
    exit(1);
}

static int send_all(int c, const char *p, size_t n)
{
    while (n) {
        ssize_t w = send(c, p, n, MSG_NOSIGNAL);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

static int reply(int c, const char *status, const char *extra)
{
    char h[1024];
    snprintf(h, sizeof h, "HTTP/1.1 %s\r\nContent-Length: 0\r\n%sConnection: "
             "close\r\n\r\n", status, extra);
    return send_all(c, h, strlen(h));
}

static int serve(int c)
{
    char req[8192], method[16], path[4096];
    size_t n = 0;
    struct timeval tv = {10, 0};
    setsockopt(c, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    while (n < sizeof req - 1) {
        ssize_t r = recv(c, req + n, sizeof req - 1 - n, 0);
        if (r <= 0)
            return -1;
        n += (size_t)r;
        req[n] = 0;
        if (strstr(req, "\r\n\r\n"))
            break;
    }
    if (sscanf(req, "%15s %4095s", method, path) != 2)
        return reply(c, "400 Bad Request", "");
    int head = !strcmp(method, "HEAD");
    long long from = 0;
    const char *rg = no_range ? NULL : strstr(req, "\r\nRange: bytes=");
    if (rg)
        from = atoll(rg + 15);
    if (redirect) {
        char loc[4200];
        snprintf(loc, sizeof loc, "Location: %s%s\r\n", redirect, path);
        fprintf(logfp, "%s %s 302 0 0\n", method, path);
        return reply(c, "302 Found", loc);
    }
    const char *name = path + 1;
    char file[8192];
    struct stat st;
    int fd = -1;
    if (path[0] == '/' && !strchr(name, '/') && name[0] != '.' && name[0]) {
        snprintf(file, sizeof file, "%s/%s", dir, name);
        fd = open(file, O_RDONLY);
    }
    if (fd < 0 || fstat(fd, &st) || !S_ISREG(st.st_mode)) {
        fprintf(logfp, "%s %s 404 0 0\n", method, path);
        if (fd >= 0)
            close(fd);
        return reply(c, "404 Not Found", "");
    }
    if ((strcmp(method, "GET") && !head) || from < 0 || from > st.st_size) {
        fprintf(logfp, "%s %s 416 0 0\n", method, path);
        close(fd);
        return reply(c, head || !strcmp(method, "GET") ? "416 Range Not Satisfiable"
                                                       : "405 Method Not Allowed", "");
    }
    char h[512];
    long long len = st.st_size - from;
    if (rg)
        snprintf(h, sizeof h, "HTTP/1.1 206 Partial Content\r\nContent-Length: "
                 "%lld\r\nContent-Range: bytes %lld-%lld/%lld\r\nConnection: "
                 "close\r\n\r\n", len, from, (long long)st.st_size - 1, (long long)st.st_size);
    else
        snprintf(h, sizeof h, "HTTP/1.1 200 OK\r\nContent-Length: %lld\r\n"
                 "Accept-Ranges: bytes\r\nConnection: close\r\n\r\n", len);
    long long sent = 0;
    int stop = 0;
    if (!send_all(c, h, strlen(h)) && !head) {
        static char buf[1 << 16];
        while (sent < len) {
            ssize_t r = pread(fd, buf, sizeof buf, (off_t)(from + sent));
            if (r <= 0)
                break;
            if (cut >= 0 && sent_all + r > cut) {
                r = (ssize_t)(cut - sent_all);
                stop = 1;
            }
            if (r > 0 && send_all(c, buf, (size_t)r))
                break;
            sent += r;
            sent_all += r;
            if (stop)
                break;
        }
    }
    close(fd);
    fprintf(logfp, "%s %s %d %lld %lld\n", method, path, rg ? 206 : 200, from, sent);
    fflush(logfp);
    if (stop) { /* the server stops in the middle of the file */
        close(c);
        exit(0);
    }
    return 0;
}

int main(int argc, char **argv)
{
    int port = 0, idle = 120, i = 1;
    for (; i < argc && argv[i][0] == '-'; i++) {
        int more = i + 1 < argc;
        if (!strcmp(argv[i], "--no-range"))
            no_range = 1;
        else if (!strcmp(argv[i], "--port") && more)
            port = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--cut") && more)
            cut = atoll(argv[++i]);
        else if (!strcmp(argv[i], "--redirect") && more)
            redirect = argv[++i];
        else if (!strcmp(argv[i], "--idle") && more)
            idle = atoi(argv[++i]);
        else
            break;
    }
    if (i + 2 != argc) {
        fputs("usage: tool_httpd [--port P] [--cut K] [--redirect URL] "
              "[--no-range] [--idle S] DIR LOG\n", stderr);
        return 2;
    }
    dir = argv[i];
    if (!(logfp = fopen(argv[i + 1], "a")))
        die(argv[i + 1]);
    signal(SIGPIPE, SIG_IGN);
    int s = socket(AF_INET, SOCK_STREAM, 0), one = 1;
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_port = htons((uint16_t)port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t al = sizeof a;
    if (s < 0 || setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) ||
        bind(s, (struct sockaddr *)&a, sizeof a) || listen(s, 16) ||
        getsockname(s, (struct sockaddr *)&a, &al))
        die("listen");
    printf("%d\n", ntohs(a.sin_port));
    fflush(stdout);
    for (;;) {
        struct pollfd p = {s, POLLIN, 0};
        int r = poll(&p, 1, idle * 1000);
        if (r == 0)
            return 0; /* idle: a test that forgot us */
        if (r < 0)
            continue;
        int c = accept(s, NULL, NULL);
        if (c < 0)
            continue;
        serve(c);
        fflush(logfp);
        close(c);
    }
}
