# conntrack match (revision 3)
-4
*filter
:INPUT,FORWARD,OUTPUT
-m conntrack --ctstate NEW,DNAT,SNAT;-m conntrack --ctstate NEW,SNAT,DNAT
-m conntrack --ctstate RELATED,ESTABLISHED;=
-m conntrack --ctstate INVALID,NEW,RELATED,ESTABLISHED,UNTRACKED,SNAT,DNAT;=
-m conntrack --ctstate new;-m conntrack --ctstate NEW
-m conntrack --ctstate FOO;FAIL;Bad ctstate "FOO"
-m conntrack ! --ctstate INVALID --ctproto tcp --ctorigsrc 1.2.3.4/24 --ctorigdst 5.6.7.8 --ctreplsrc 1.1.1.1 --ctrepldst 2.2.2.2 --ctorigsrcport 1 --ctorigdstport 2:3 --ctreplsrcport 4 --ctrepldstport 5 --ctstatus ASSURED,SEEN_REPLY --ctexpire 5:10 --ctdir ORIGINAL;-m conntrack ! --ctstate INVALID --ctproto 6 --ctorigsrc 1.2.3.4/24 --ctorigdst 5.6.7.8 --ctreplsrc 1.1.1.1 --ctrepldst 2.2.2.2 --ctorigsrcport 1 --ctorigdstport 2:3 --ctreplsrcport 4 --ctrepldstport 5 --ctstatus SEEN_REPLY,ASSURED --ctexpire 5:10 --ctdir ORIGINAL
-m conntrack --ctdir ORIGINAL --ctexpire 5:10 --ctstatus ASSURED --ctrepldstport 5 --ctreplsrcport 4 --ctorigdstport 2:3 --ctorigsrcport 1 --ctrepldst 2.2.2.2 --ctreplsrc 1.1.1.1 --ctorigdst 5.6.7.8 --ctorigsrc 1.2.3.4 --ctproto tcp --ctstate NEW;-m conntrack --ctstate NEW --ctproto 6 --ctorigsrc 1.2.3.4 --ctorigdst 5.6.7.8 --ctreplsrc 1.1.1.1 --ctrepldst 2.2.2.2 --ctorigsrcport 1 --ctorigdstport 2:3 --ctreplsrcport 4 --ctrepldstport 5 --ctstatus ASSURED --ctexpire 5:10 --ctdir ORIGINAL
-m conntrack --ctproto 6;=
-m conntrack --ctproto 0;=
-m conntrack --ctproto all;-m conntrack --ctproto 0
-m conntrack --ctproto foo;FAIL;unknown protocol "foo" specified
-m conntrack ! --ctproto udp;-m conntrack ! --ctproto 17
-m conntrack --ctexpire 5;=
-m conntrack --ctexpire 10:5;=
-m conntrack ! --ctexpire 0:4294967295;=
-m conntrack --ctdir REPLY;=
-m conntrack --ctdir FOO;FAIL;conntrack: Bad value for "--ctdir" option: "FOO"
-m conntrack ! --ctdir REPLY;FAIL;conntrack: option "--ctdir" cannot be inverted.
-m conntrack ! --ctproto udp ! --ctorigsrc 1.2.3.4 ! --ctstatus NONE,EXPECTED,CONFIRMED;-m conntrack ! --ctproto 17 ! --ctorigsrc 1.2.3.4 ! --ctstatus EXPECTED,CONFIRMED
-m conntrack --ctstatus NONE;=
-m conntrack --ctstatus FOO;FAIL;Bad ctstatus "FOO"
-m conntrack;FAIL;conntrack: At least one option is required
-m conntrack --ctorigsrcport 5;=
-m conntrack --ctorigsrcport 5:6;=
-m conntrack ! --ctorigdstport 5;=
-m conntrack ! --ctreplsrcport 5;=
-m conntrack ! --ctrepldstport 5:7;=
-m conntrack --ctorigsrcport 70000;-m conntrack --ctorigsrcport 4464
-m conntrack --ctstate NEW --ctstate INVALID;FAIL;conntrack: option "--ctstate" can only be used once.
-m conntrack --ctorigsrc 1.2.3.4/255.255.0.0;-m conntrack --ctorigsrc 1.2.3.4/16
-m conntrack --ctorigsrc 1.2.3.4/0;=
-m conntrack --ctorigsrc 1.2.3.0/24;=
-m conntrack --ctorigsrc 1.2.3.4/32;-m conntrack --ctorigsrc 1.2.3.4
-m conntrack ! --ctrepldst 10.0.0.0/8;=
-m conntrack --ctorigdstport 22 --ctproto tcp --ctstate NEW;-m conntrack --ctstate NEW --ctproto 6 --ctorigdstport 22
-6
*filter
:INPUT
-m conntrack --ctstate NEW --ctorigsrc 2001:db8::1/64 --ctorigdst ::1;=
-m conntrack ! --ctreplsrc 2001:db8::/32;=
-m conntrack --ctorigsrc 2001:db8::1/128;-m conntrack --ctorigsrc 2001:db8::1
-m conntrack --ctorigsrc 2001:db8::1/129;FAIL;conntrack: bad value for option "--ctorigsrc", neither a valid network mask nor valid CIDR (0-128).
# packets: the first packet of a flow, as the kernel's conntrack sees it (kernel only)
-4
*filter
:INPUT
-m conntrack --ctstate NEW;=
>proto=tcp dport=22 flags=SYN sport=41001 ct=new;match;kernel
-m conntrack --ctdir ORIGINAL;=
>proto=tcp dport=22 flags=SYN sport=41002 ct=new;match;kernel
-m conntrack --ctdir REPLY;=
>proto=tcp dport=22 flags=SYN sport=41003 ct=new;nomatch;kernel
-m conntrack --ctproto 6 --ctorigsrc 10.77.0.1 --ctrepldst 10.77.0.1 --ctorigdstport 22;=
>proto=tcp dport=22 flags=SYN sport=41004 ct=new;match;kernel
-m conntrack --ctstatus SEEN_REPLY;=
>proto=tcp dport=22 flags=SYN sport=41005 ct=new;nomatch;kernel
-m conntrack ! --ctstatus ASSURED;=
>proto=tcp dport=22 flags=SYN sport=41006 ct=new;match;kernel
-m conntrack --ctreplsrcport 22 --ctrepldstport 41007;=
>proto=tcp dport=22 flags=SYN sport=41007 ct=new;match;kernel
-m conntrack --ctstate INVALID;=
>proto=tcp dport=22 flags=SYN,FIN sport=41008 ct=invalid;match;kernel
>proto=tcp dport=22 flags=SYN sport=41009 ct=new;nomatch;kernel
