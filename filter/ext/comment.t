# comment match
-4
*filter
:INPUT,FORWARD,OUTPUT
-m comment --comment "hello world";=
-m comment --comment hello;=
-m comment --comment "a\"b";=
-m comment --comment "";=
-m comment --comment "with\\back";=
-m comment --comment a.b;-m comment --comment "a.b"
-m comment --comment a'b;-m comment --comment "a\'b"
-m comment --comment a:b/c;-m comment --comment "a:b/c"
-m comment --comment a_b-C9;=
-m comment --comment "a\\b\"c";=
-m comment --comment a\b;-m comment --comment "a\\b"
-m comment --comment "ümlaut";=
-m comment;FAIL;comment: option "--comment" must be specified
-m comment ! --comment x;FAIL;comment: option "--comment" cannot be inverted.
-m comment --comment x --comment y;FAIL;comment: option "--comment" can only be used once.
-m comment --comment aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa;=
-m comment --comment aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab;-m comment --comment aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
-m comment --comment "x" -m comment --comment "y";-m comment --comment x -m comment --comment y
-6
*filter
:INPUT
-m comment --comment "v6 rule";=
# packets
-4
*filter
:INPUT
-m comment --comment "always";-m comment --comment always
>proto=udp;match
>proto=icmp;match
